import fs from 'node:fs';
const T=()=>performance.now(); let t0=T();
const { transpileBytes } = await import('@bytecodealliance/jco-transpile');
const t1=T();
const bytes = fs.readFileSync(process.argv[2]);
const out = await transpileBytes(bytes, { name: 'plugin', instantiation: 'async', noTypescript: true });
const t2=T();
const out2 = await transpileBytes(bytes, { name: 'plugin', instantiation: 'async', noTypescript: true });
console.log(process.execArgv.join(' '), 'import', (t1-t0).toFixed(0), 'first', (t2-t1).toFixed(0), 'second', (T()-t2).toFixed(0));
