;; Core ABI v1 request access for the test plugins (spliced in by the test kit).
  (global $req (mut i32) (i32.const 0))
  (func (export "alloc") (param $n i32) (result i32) (i32.const 65536))
  (func $begin (param $p i32) (param $l i32)
    (global.set $req (local.get $p))
    (global.set $out (i32.const 8192)))
  ;; first byte of the function name: `{"function":"` is 13 bytes
  (func $fn_char (result i32) (i32.load8_u (i32.add (global.get $req) (i32.const 13))))
  ;; first string argument when the function name has 4 characters
  (func $arg_ptr (result i32) (i32.add (global.get $req) (i32.const 38)))
