;; A well-behaved plugin with no imports at all. library_call uses the i64 return
;; convention (ptr << 32 | len); library_check the multi-value one.
(module
;;@prelude
  (data (i32.const 1024) "answer")
  (func $pack (param $p i32) (param $l i32) (result i64)
    (i64.or (i64.shl (i64.extend_i32_u (local.get $p)) (i64.const 32)) (i64.extend_i32_u (local.get $l))))
  ;; answer() → 42; echo(x) → its first string argument
  (func (export "library_call") (param $p i32) (param $l i32) (result i64)
    (call $begin (local.get $p) (local.get $l))
    (if (i32.eq (call $fn_char) (i32.const 97)) (then (return (call $pack (call $reply_int (i32.const 42))))))
    (call $pack (call $reply_str (call $arg_ptr) (call $arg_len))))
  ;; pass() passes; anything else fails with the message "nope"
  (func (export "library_check") (param $p i32) (param $l i32) (result i32 i32)
    (call $begin (local.get $p) (local.get $l))
    (if (i32.eq (call $fn_char) (i32.const 112)) (then (return (call $reply_pass))))
    (call $reply_fail (i32.const 1030) (i32.const 4)))
  (data (i32.const 1030) "nope")
)
