const {transpileInto}=require('./out/src/plugins/wasm/transpileJob.js');
const {slimComponent}=require('./out/src/plugins/wasm/componentBinary.js');
const fs=require('fs');const os=require('os');
(async()=>{const b=new Uint8Array(fs.readFileSync('../plugins/examples/js-deps/deps.wasm'));let t=performance.now();const s=slimComponent(b);console.log('slim',(performance.now()-t).toFixed(0),'ms',s.slim.length);
t=performance.now();const {transpileBytes}=await import('@bytecodealliance/jco-transpile');console.log('import',(performance.now()-t).toFixed(0));t=performance.now();
await transpileBytes(s.slim,{name:'plugin',instantiation:'async',noTypescript:true});console.log('transpile slim',(performance.now()-t).toFixed(0));
const d=fs.mkdtempSync(os.tmpdir()+'/x');t=performance.now();await transpileInto(b,d+'/o');console.log('transpileInto',(performance.now()-t).toFixed(0));})();
