// graphql-js answers for every Railgun CLI contract the oracle checks (parse, validate, exec, print-schema,
// validate-schema). Shared by the runner (expected values) and graphqljs-cli.mjs (the --self-check stand-in).
import {
  buildASTSchema,
  buildSchema,
  graphqlSync,
  parse,
  print,
  printSchema,
  specifiedRules,
  validate,
  validateSchema,
} from 'graphql';
import { validateSDL } from 'graphql/validation/validate.js';

/** A GraphQLError (or Error) as the CLI prints it: {message, locations?}. */
export function errorSummary(error) {
  const out = { message: error.message };
  if (error.locations && error.locations.length > 0) {
    out.locations = error.locations.map(({ line, column }) => ({ line, column }));
  }
  return out;
}

/** `railgun parse DOC` -> {"printed": print(ast)} or {"errors": [...]}. */
export function parseAnswer(source) {
  let ast;
  try {
    ast = parse(source);
  } catch (error) {
    return { errors: [errorSummary(error)] };
  }
  return { printed: print(ast) };
}

/** `railgun validate --schema S DOC` -> {"errors": [...]} (syntax errors are reported the same way). */
export function validateAnswer(sdl, source) {
  const schema = buildSchema(sdl);
  let ast;
  try {
    ast = parse(source);
  } catch (error) {
    return { errors: [errorSummary(error)] };
  }
  return { errors: validate(schema, ast, specifiedRules).map(errorSummary) };
}

/** `railgun exec ...` -> the ExecutionResult of graphql-js `graphql()` as plain JSON. */
export function execAnswer(sdl, rootValue, variableValues, operationName, source) {
  const schema = buildSchema(sdl);
  const result = graphqlSync({ schema, source, rootValue, variableValues, operationName });
  return JSON.parse(JSON.stringify(result));
}

/** `railgun print-schema --schema S` -> {ok: true, text} or {ok: false, message} when buildSchema rejects S. */
export function printSchemaAnswer(sdl) {
  try {
    return { ok: true, text: printSchema(buildSchema(sdl)) };
  } catch (error) {
    return { ok: false, message: error.message };
  }
}

/**
 * `railgun validate-schema --schema S` -> {"errors": [...]}: syntax error, else SDL validation errors (what
 * buildSchema rejects), else the type-system validation errors of the built schema.
 */
export function validateSchemaAnswer(sdl) {
  let ast;
  try {
    ast = parse(sdl);
  } catch (error) {
    return { errors: [errorSummary(error)] };
  }
  const sdlErrors = validateSDL(ast);
  if (sdlErrors.length > 0) return { errors: sdlErrors.map(errorSummary) };
  const schema = buildASTSchema(ast, { assumeValidSDL: true });
  return { errors: validateSchema(schema).map(errorSummary) };
}
