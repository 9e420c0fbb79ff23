  ;; Core ABI v1 exports around the plugin's $call / $check / $doc (function `x…` fails on purpose).
  (func (export "library_call") (param $p i32) (param $l i32) (result i32 i32)
    (call $begin (local.get $p) (local.get $l))
    (if (i32.eq (call $fn_char) (i32.const 120)) (then
      (call $emit (i32.const 84) (i32.const 10)) (call $emit (i32.const 960) (i32.const 24)) (call $emit (i32.const 32) (i32.const 2))
      (return (call $reply))))
    (call $call))
  (func (export "library_check") (param $p i32) (param $l i32) (result i32 i32) (local $passed i32) (local $mp i32) (local $ml i32)
    (call $begin (local.get $p) (local.get $l))
    (call $check) (local.set $ml) (local.set $mp) (local.set $passed)
    (if (local.get $passed) (then (return (call $reply_pass))))
    (call $reply_fail (local.get $mp) (local.get $ml)))
  (func (export "library_doc") (result i32 i32) (call $doc))
