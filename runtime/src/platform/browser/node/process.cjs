// `require('node:process')` in bundled CommonJS (commander) must get the process object itself,
// not an ES module namespace: this is what the browser build resolves that require to.
module.exports = require('../process.ts').process;
