;;; emacs-readme-probe.el --- checks the README's eglot snippet as written  -*- lexical-binding: t -*-
;; HIE_SNIPPET=snippet.el HIE_FILE=/ws/syntax-error.hie HIE_HOVER_FILE=/ws/hover.hie HIE_HOVER_LINE=3 HIE_HOVER_CHARACTER=18 \
;;   emacs --batch -l emacs-readme-probe.el
;; Loads the snippet the way an init file would, visits the files (the snippet's mode and hook start eglot),
;; waits for the server's diagnostics (through flymake) and a hover, and prints one JSON line.
(require 'json)
(require 'package)
(package-initialize)                      ; what interactive Emacs does before the init file (elpa-eglot)
(load (getenv "HIE_SNIPPET") nil t)

(defun hie-probe--wait (pred seconds)
  "Process events until PRED holds or SECONDS pass; return PRED's value."
  (let ((deadline (+ (float-time) seconds)) value)
    (while (and (not (setq value (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.05)
      (run-hooks 'post-command-hook)      ; eglot-ensure starts the server after a command, as in the command loop
      (when (fboundp 'flymake-start) (ignore-errors (flymake-start))))
    value))

(defun hie-probe--diagnostics ()
  (mapcar (lambda (d)
            (let ((beg (flymake-diagnostic-beg d)) (end (flymake-diagnostic-end d)))
              `((line . ,(1- (line-number-at-pos beg)))
                (character . ,(save-excursion (goto-char beg) (current-column)))
                (end_character . ,(save-excursion (goto-char end) (current-column)))
                (type . ,(format "%s" (flymake-diagnostic-type d)))
                (text . ,(flymake-diagnostic-text d)))))
          (flymake-diagnostics)))

(let ((result (list (cons 'emacs emacs-version))) (ok nil))
  (condition-case err
      (progn
        (find-file (getenv "HIE_FILE"))
        (push (cons 'mode (symbol-name major-mode)) result)
        (hie-probe--wait (lambda () (and (fboundp 'eglot-current-server) (eglot-current-server))) 20)
        (push (cons 'server (and (eglot-current-server) t)) result)
        (push (cons 'diagnostics (hie-probe--wait #'hie-probe--diagnostics 20)) result)
        (find-file (getenv "HIE_HOVER_FILE"))
        (hie-probe--wait #'eglot-current-server 20)
        (goto-char (point-min))
        (forward-line (string-to-number (getenv "HIE_HOVER_LINE")))
        (forward-char (string-to-number (getenv "HIE_HOVER_CHARACTER")))
        (let* ((hover (jsonrpc-request (eglot-current-server) :textDocument/hover (eglot--TextDocumentPositionParams)))
               (contents (plist-get hover :contents)))
          (push (cons 'hover (if (stringp contents) contents (or (plist-get contents :value) (format "%S" contents)))) result))
        (setq ok t))
    (error (push (cons 'error (error-message-string err)) result)))
  (push (cons 'ok (if ok t :json-false)) result)
  (princ (concat (json-encode result) "\n"))
  (ignore-errors (eglot-shutdown-all))
  (kill-emacs (if ok 0 1)))
