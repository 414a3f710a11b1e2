// Build-time MathJax: TeX in, SVG out, one formula per JSON line.
//
// Started once per build by hooks/maths/mathsvg.py and fed on stdin:
//   {"tex": "f_t = \\sigma(...)", "display": true}
// Answers on stdout, one line each, in order:
//   {"svg": "<mjx-container ...>...</mjx-container>"}   or   {"error": "Missing close brace"}
// The SVG is self-contained (fontCache 'local': each formula carries the glyphs it uses), so a
// formula copied anywhere else still renders. The page needs no MathJax script at all.
import readline from 'node:readline';
import {mathjax} from 'mathjax-full/js/mathjax.js';
import {TeX} from 'mathjax-full/js/input/tex.js';
import {SVG} from 'mathjax-full/js/output/svg.js';
import {liteAdaptor} from 'mathjax-full/js/adaptors/liteAdaptor.js';
import {RegisterHTMLHandler} from 'mathjax-full/js/handlers/html.js';
import 'mathjax-full/js/input/tex/base/BaseConfiguration.js';
import 'mathjax-full/js/input/tex/ams/AmsConfiguration.js';
import 'mathjax-full/js/input/tex/boldsymbol/BoldsymbolConfiguration.js';

const fontCache = process.argv[2] || 'local';
const adaptor = liteAdaptor();
RegisterHTMLHandler(adaptor);
const tex = new TeX({
  packages: ['base', 'ams', 'boldsymbol'],
  // Without this MathJax draws the error message in red inside the page; the build must fail instead.
  formatError: (_jax, err) => { throw err; },
});
const svg = new SVG({fontCache});
const doc = mathjax.document('', {InputJax: tex, OutputJax: svg});

const lines = readline.createInterface({input: process.stdin, terminal: false});
lines.on('line', (line) => {
  let reply;
  try {
    const {tex: source, display} = JSON.parse(line);
    tex.parseOptions.tags.reset();
    const node = doc.convert(source, {display: Boolean(display), em: 16, ex: 8, containerWidth: 1280});
    reply = {svg: adaptor.outerHTML(node)};
  } catch (err) {
    reply = {error: String(err && err.message || err)};
  }
  process.stdout.write(JSON.stringify(reply) + '\n');
});
