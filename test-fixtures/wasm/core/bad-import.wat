;; Imports a host function outside the allow-list: must be refused before instantiation.
(module
  (import "env" "system" (func $system (param i32) (result i32)))
;;@prelude
  (func (export "library_call") (param $p i32) (param $l i32) (result i32 i32) (drop (call $system (i32.const 0))) (call $reply_int (i32.const 0)))
  (func (export "library_check") (param $p i32) (param $l i32) (result i32 i32) (call $reply_pass))
)
