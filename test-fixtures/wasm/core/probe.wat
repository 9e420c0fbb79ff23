;; A deliberately hostile plugin: each 4-letter function tries one thing and replies
;; {"Int": errno} (or the data it got). The path argument is the first String argument.
;; The same source is built as a core module (;;@abi = core ABI v1) and as a component
;; (;;@abi = canonical ABI, then wrapped with the WASI preview1 reactor adapter).
(module
  (import "wasi_snapshot_preview1" "path_open" (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_readdir" (func $fd_readdir (param i32 i32 i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_get" (func $fd_prestat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_dir_name" (func $fd_prestat_dir_name (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_create_directory" (func $path_create_directory (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_unlink_file" (func $path_unlink_file (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_rename" (func $path_rename (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_symlink" (func $path_symlink (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_filestat_get" (func $path_filestat_get (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get" (func $environ_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "sock_send" (func $sock_send (param i32 i32 i32 i32 i32) (result i32)))
;;@abi
  (data (i32.const 1024) "Content-Length: 47\0d\0a\0d\0a{\"jsonrpc\":\"2.0\",\"method\":\"exit\",\"params\":null}\n")
  (data (i32.const 1200) "renamed.txt")
  (data (i32.const 1220) "made-link")
  (data (i32.const 1240) "written by plugin")
  (data (i32.const 1260) "package.json")
  (data (i32.const 1500) "../outside/secret.txt")
  ;; what a plugin would write into hielements.toml to run a command (`jack`)
  (data (i32.const 2048) "[libraries.files]\0aexecutable = \"sh\"\0aargs = [\"-c\", \"echo pwned > pwned.txt\"]\0a")
  (data (i32.const 1280) "{\"name\":\"probe\",\"description\":\"hostile test plugin\",\"version\":\"0.0.1\",\"functions\":[{\"name\":\"read\",\"parameters\":[{\"name\":\"path\",\"type\":\"string\"}]}],\"checks\":[{\"name\":\"file\"}]}")

  ;; open the path argument with the given oflags/rights/fdflags; errno, fd stored at 100
  (func $open (param $oflags i32) (param $rights i64) (param $fdflags i32) (result i32)
    (call $path_open (i32.const 3) (i32.const 1) (call $arg_ptr) (call $arg_len) (local.get $oflags) (local.get $rights) (i64.const 0) (local.get $fdflags) (i32.const 100)))
  ;; read up to 16 KiB of fd into 16384; returns bytes read (or errno + 100000)
  (func $read_fd (param $fd i32) (result i32) (local $e i32)
    (i32.store (i32.const 112) (i32.const 16384))
    (i32.store (i32.const 116) (i32.const 16384))
    (local.set $e (call $fd_read (local.get $fd) (i32.const 112) (i32.const 1) (i32.const 104)))
    (if (result i32) (local.get $e) (then (i32.add (local.get $e) (i32.const 100000))) (else (i32.load (i32.const 104)))))
  (func $read_path (result i32 i32) (local $e i32) (local $n i32)
    (local.set $e (call $open (i32.const 0) (i64.const 2) (i32.const 0)))
    (if (local.get $e) (then (return (call $reply_int (local.get $e)))))
    (local.set $n (call $read_fd (i32.load (i32.const 100))))
    (drop (call $fd_close (i32.load (i32.const 100))))
    (if (i32.ge_u (local.get $n) (i32.const 100000)) (then (return (call $reply_int (local.get $n)))))
    (call $reply_str (i32.const 16384) (local.get $n)))
  ;; create (or truncate) the path and write a fixed text into it
  (func $write_path (param $oflags i32) (result i32 i32)
    (call $write_data (local.get $oflags) (i32.const 1240) (i32.const 17)))
  (func $write_data (param $oflags i32) (param $p i32) (param $l i32) (result i32 i32) (local $e i32)
    (local.set $e (call $open (local.get $oflags) (i64.const 66) (i32.const 0)))
    (if (local.get $e) (then (return (call $reply_int (local.get $e)))))
    (i32.store (i32.const 112) (local.get $p))
    (i32.store (i32.const 116) (local.get $l))
    (local.set $e (call $fd_write (i32.load (i32.const 100)) (i32.const 112) (i32.const 1) (i32.const 104)))
    (drop (call $fd_close (i32.load (i32.const 100))))
    (call $reply_int (local.get $e)))
  (func $env (result i32 i32) (local $e i32)
    (local.set $e (call $environ_sizes_get (i32.const 120) (i32.const 124)))
    (if (local.get $e) (then (return (call $reply_int (local.get $e)))))
    (local.set $e (call $environ_get (i32.const 4096) (i32.const 16384)))
    (if (local.get $e) (then (return (call $reply_int (local.get $e)))))
    (call $reply_str (i32.const 16384) (i32.load (i32.const 124))))
  (func $grow (result i32 i32)
    (loop $more (br_if $more (i32.ne (memory.grow (i32.const 16)) (i32.const -1))))
    unreachable)

  (func $call (result i32 i32) (local $c i32) (local $e i32)
    (local.set $c (call $fn_char))
    ;; read
    (if (i32.eq (local.get $c) (i32.const 114)) (then (return (call $read_path))))
    ;; make: create + write (oflags CREAT|TRUNC)
    (if (i32.eq (local.get $c) (i32.const 109)) (then (return (call $write_path (i32.const 9)))))
    ;; trun: open existing with TRUNC only
    (if (i32.eq (local.get $c) (i32.const 116)) (then (return (call $write_path (i32.const 8)))))
    ;; dirm: mkdir
    (if (i32.eq (local.get $c) (i32.const 100)) (then (return (call $reply_int (call $path_create_directory (i32.const 3) (call $arg_ptr) (call $arg_len))))))
    ;; unlk
    (if (i32.eq (local.get $c) (i32.const 117)) (then (return (call $reply_int (call $path_unlink_file (i32.const 3) (call $arg_ptr) (call $arg_len))))))
    ;; jack: create/truncate the path with a config that registers a shell command as `files`
    (if (i32.eq (local.get $c) (i32.const 106)) (then (return (call $write_data (i32.const 9) (i32.const 2048) (i32.const 76)))))
    ;; into: rename renamed.txt → the path argument
    (if (i32.eq (local.get $c) (i32.const 105)) (then (return (call $reply_int (call $path_rename (i32.const 3) (i32.const 1200) (i32.const 11) (i32.const 3) (call $arg_ptr) (call $arg_len))))))
    ;; name: rename path → renamed.txt
    (if (i32.eq (local.get $c) (i32.const 110)) (then (return (call $reply_int (call $path_rename (i32.const 3) (call $arg_ptr) (call $arg_len) (i32.const 3) (i32.const 1200) (i32.const 11))))))
    ;; syml: symlink made-link → path argument
    (if (i32.eq (local.get $c) (i32.const 115)) (then (return (call $reply_int (call $path_symlink (call $arg_ptr) (call $arg_len) (i32.const 3) (i32.const 1220) (i32.const 9))))))
    ;; ymlk: symlink at the path argument → ../outside/secret.txt
    (if (i32.eq (local.get $c) (i32.const 121)) (then (return (call $reply_int (call $path_symlink (i32.const 1500) (i32.const 21) (i32.const 3) (call $arg_ptr) (call $arg_len))))))
    ;; fsta: stat the path
    (if (i32.eq (local.get $c) (i32.const 102)) (then (return (call $reply_int (call $path_filestat_get (i32.const 3) (i32.const 1) (call $arg_ptr) (call $arg_len) (i32.const 128))))))
    ;; list: readdir of the workspace → bytes used (or errno + 100000)
    (if (i32.eq (local.get $c) (i32.const 108)) (then
      (local.set $c (call $fd_readdir (i32.const 3) (i32.const 16384) (i32.const 4096) (i64.const 0) (i32.const 104)))
      (if (local.get $c) (then (return (call $reply_int (i32.add (local.get $c) (i32.const 100000))))))
      (return (call $reply_int (i32.load (i32.const 104))))))
    ;; envv
    (if (i32.eq (local.get $c) (i32.const 101)) (then (return (call $env))))
    ;; argv: count * 1000 + bytes
    (if (i32.eq (local.get $c) (i32.const 97)) (then
      (drop (call $args_sizes_get (i32.const 120) (i32.const 124)))
      (return (call $reply_int (i32.add (i32.mul (i32.load (i32.const 120)) (i32.const 1000)) (i32.load (i32.const 124)))))))
    ;; cwdp: name of preopen 3, then the prestat errno of fd 4 is checked by `pre4`
    (if (i32.eq (local.get $c) (i32.const 99)) (then
      (drop (call $fd_prestat_get (i32.const 3) (i32.const 128)))
      (drop (call $fd_prestat_dir_name (i32.const 3) (i32.const 16384) (i32.load (i32.const 132))))
      (return (call $reply_str (i32.const 16384) (i32.load (i32.const 132))))))
    (if (i32.eq (local.get $c) (i32.const 112)) (then (return (call $reply_int (call $fd_prestat_get (i32.const 4) (i32.const 128))))))
    ;; quit: proc_exit(3)
    (if (i32.eq (local.get $c) (i32.const 113)) (then (call $proc_exit (i32.const 3))))
    ;; whil: loop forever
    (if (i32.eq (local.get $c) (i32.const 119)) (then (loop $forever (br $forever))))
    ;; bomb: grow memory until it fails, then trap
    (if (i32.eq (local.get $c) (i32.const 98)) (then (return (call $grow))))
    ;; ksok: try to send on a socket
    (if (i32.eq (local.get $c) (i32.const 107)) (then (return (call $reply_int (call $sock_send (i32.const 3) (i32.const 112) (i32.const 1) (i32.const 0) (i32.const 104))))))
    ;; out!: print a fake LSP message on stdout
    (if (i32.eq (local.get $c) (i32.const 111)) (then
      (i32.store (i32.const 112) (i32.const 1024))
      (i32.store (i32.const 116) (i32.const 70))
      (return (call $reply_int (call $fd_write (i32.const 1) (i32.const 112) (i32.const 1) (i32.const 104))))))
    ;; hogs: open the path again and again without closing → opens * 1000 + the errno that stopped it
    (if (i32.eq (local.get $c) (i32.const 104)) (then
      (local.set $c (i32.const 0))
      (loop $again
        (local.set $e (call $open (i32.const 0) (i64.const 2) (i32.const 0)))
        (if (i32.eqz (local.get $e)) (then
          (local.set $c (i32.add (local.get $c) (i32.const 1)))
          (br_if $again (i32.lt_u (local.get $c) (i32.const 10000))))))
      (return (call $reply_int (i32.add (i32.mul (local.get $c) (i32.const 1000)) (local.get $e))))))
    ;; gush: 1000 lines of output
    (if (i32.eq (local.get $c) (i32.const 103)) (then
      (local.set $c (i32.const 0))
      (i32.store (i32.const 112) (i32.const 1079))
      (i32.store (i32.const 116) (i32.const 15))
      (loop $more
        (drop (call $fd_write (i32.const 1) (i32.const 112) (i32.const 1) (i32.const 104)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br_if $more (i32.lt_u (local.get $c) (i32.const 1000))))
      (return (call $reply_int (local.get $c)))))
    (call $reply_int (i32.const 999999)))

  ;; check file(path): passes when the file can be read and is not empty; else fails with the path
  (func $check (result i32 i32 i32) (local $e i32) (local $n i32)
    (local.set $e (call $open (i32.const 0) (i64.const 2) (i32.const 0)))
    (if (i32.eqz (local.get $e)) (then
      (local.set $n (call $read_fd (i32.load (i32.const 100))))
      (drop (call $fd_close (i32.load (i32.const 100))))
      (if (i32.and (i32.gt_u (local.get $n) (i32.const 0)) (i32.lt_u (local.get $n) (i32.const 100000)))
        (then (return (i32.const 1) (i32.const 0) (i32.const 0))))))
    (i32.const 0) (call $arg_ptr) (call $arg_len))

  (func $doc (result i32 i32) (i32.const 1280) (i32.const 174))
)
