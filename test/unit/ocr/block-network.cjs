// Preloaded (node --require) into the OCR child process and its worker threads: every way out to
// the network throws, and each thread says it was armed.
const net = require('node:net');
const http = require('node:http');
const https = require('node:https');
const dns = require('node:dns');
const { threadId } = require('node:worker_threads');
const deny = (what) =>
  function blocked() {
    throw new Error(`network blocked: ${what}`);
  };
net.Socket.prototype.connect = deny('net.Socket.connect');
net.connect = deny('net.connect');
net.createConnection = deny('net.createConnection');
http.request = deny('http.request');
http.get = deny('http.get');
https.request = deny('https.request');
https.get = deny('https.get');
dns.lookup = deny('dns.lookup');
globalThis.fetch = deny('fetch');
process.stderr.write(`network-blocked thread=${threadId}\n`);
