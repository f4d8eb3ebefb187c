// @platformatic/kafka ships ES modules only. Jest's module registry cannot load them into a CommonJS spec
// (its swc transform cannot turn their import.meta into CommonJS, and the `module` builtin it hands specs
// is its own), so specs get the package through Node's real require, which loads ES modules natively on
// Node 24 (require(esm)), as the services and scripts do.
module.exports = process.getBuiltinModule('node:module').createRequire(__filename)('@platformatic/kafka');
