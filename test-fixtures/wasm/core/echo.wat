;; A plugin with no imports at all, for world `plugin`: echo(x) returns its first string
;; argument, pass() passes, anything else fails with "nope". Built as a component without
;; an adapter by the test kit (and usable as a core module too).
(module
;;@abi
  (data (i32.const 1024) "nope")
  (data (i32.const 1100) "{\"name\":\"echo\",\"description\":\"echoes\"}")
  (func $call (result i32 i32) (call $reply_str (call $arg_ptr) (call $arg_len)))
  (func $check (result i32 i32 i32)
    (if (i32.eq (call $fn_char) (i32.const 112)) (then (return (i32.const 1) (i32.const 0) (i32.const 0))))
    (i32.const 0) (i32.const 1024) (i32.const 4))
  (func $doc (result i32 i32) (i32.const 1100) (i32.const 38))
)
