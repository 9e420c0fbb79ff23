;; A valid component that exports nothing: not a plugin.
(component)
