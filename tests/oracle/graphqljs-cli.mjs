// A stand-in for the `railgun` CLI built on graphql-js, implementing the same contracts (parse, validate, exec,
// print-schema, validate-schema). `run-graphqljs.mjs --self-check` runs the oracle against it to test the runner.
import { readFileSync } from 'node:fs';
import {
  execAnswer,
  parseAnswer,
  printSchemaAnswer,
  validateAnswer,
  validateSchemaAnswer,
} from './graphqljs.mjs';

function readDocument(arg) {
  if (arg === undefined) throw new Error('missing DOCUMENT');
  return arg.startsWith('@') ? readFileSync(arg.slice(1), 'utf8') : arg;
}

const [command, ...rest] = process.argv.slice(2);
const options = {};
const positional = [];
for (let i = 0; i < rest.length; i++) {
  if (rest[i].startsWith('--')) options[rest[i].slice(2)] = rest[++i];
  else positional.push(rest[i]);
}
const schemaText = () => readFileSync(options.schema, 'utf8');

switch (command) {
  case 'parse':
    console.log(JSON.stringify(parseAnswer(readDocument(positional[0]))));
    break;
  case 'validate':
    console.log(JSON.stringify(validateAnswer(schemaText(), readDocument(positional[0]))));
    break;
  case 'exec': {
    const root = options.root ? JSON.parse(readFileSync(options.root, 'utf8')) : undefined;
    const variables = options.variables !== undefined ? JSON.parse(options.variables) : undefined;
    const result = execAnswer(schemaText(), root, variables, options.operation, readDocument(positional[0]));
    console.log(JSON.stringify(result));
    break;
  }
  case 'print-schema': {
    const answer = printSchemaAnswer(schemaText());
    if (!answer.ok) {
      console.error(answer.message);
      process.exit(1);
    }
    process.stdout.write(answer.text + '\n');
    break;
  }
  case 'validate-schema':
    console.log(JSON.stringify(validateSchemaAnswer(schemaText())));
    break;
  default:
    console.error(`unknown command ${command}`);
    process.exit(2);
}
