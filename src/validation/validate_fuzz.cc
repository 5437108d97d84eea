// libFuzzer target: Validate must never crash, hang or exceed the error limit, whatever document it gets.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "language/parser.h"
#include "schema/builder.h"
#include "validation/validate.h"

namespace {

// testdata/harness.graphql: graphql-js's validation test schema with roots, a custom scalar and directives.
constexpr const char* kSchema = R"(
interface Mammal {
  mother: Mammal
  father: Mammal
}

interface Pet {
  name(surname: Boolean): String
}

interface Canine implements Mammal {
  name(surname: Boolean): String
  mother: Canine
  father: Canine
}

enum DogCommand {
  SIT
  HEEL
  DOWN
}

type Dog implements Pet & Mammal & Canine {
  name(surname: Boolean): String
  nickname: String
  barkVolume: Int
  barks: Boolean
  doesKnowCommand(dogCommand: DogCommand): Boolean
  isHouseTrained(atOtherHomes: Boolean = true): Boolean
  isAtLocation(x: Int, y: Int): Boolean
  mother: Dog
  father: Dog
}

type Cat implements Pet {
  name(surname: Boolean): String
  nickname: String
  meows: Boolean
  meowsVolume: Int
  furColor: FurColor
}

union CatOrDog = Cat | Dog

type Human {
  name(surname: Boolean): String
  pets: [Pet]
  relatives: [Human]!
}

enum FurColor {
  BROWN
  BLACK
  TAN
  SPOTTED
  NO_FUR
  UNKNOWN
}

input ComplexInput {
  requiredField: Boolean!
  nonNullField: Boolean! = false
  intField: Int
  stringField: String
  booleanField: Boolean
  stringListField: [String]
}

input OneOfInput @oneOf {
  stringField: String
  intField: Int
}

scalar Custom

type ComplicatedArgs {
  intArgField(intArg: Int): String
  nonNullIntArgField(nonNullIntArg: Int!): String
  stringArgField(stringArg: String): String
  booleanArgField(booleanArg: Boolean): String
  enumArgField(enumArg: FurColor): String
  floatArgField(floatArg: Float): String
  idArgField(idArg: ID): String
  stringListArgField(stringListArg: [String]): String
  stringListNonNullArgField(stringListNonNullArg: [String!]): String
  complexArgField(complexArg: ComplexInput): String
  oneOfArgField(oneOfArg: OneOfInput): String
  multipleReqs(req1: Int!, req2: Int!): String
  nonNullFieldWithDefault(arg: Int! = 0): String
  multipleOpts(opt1: Int = 0, opt2: Int = 0): String
  multipleOptAndReq(req1: Int!, req2: Int!, opt1: Int = 0, opt2: Int = 0): String
  customArgField(customArg: Custom): String
}

type QueryRoot {
  human(id: ID): Human
  dog: Dog
  cat: Cat
  pet: Pet
  catOrDog: CatOrDog
  complicatedArgs: ComplicatedArgs
}

type MutationRoot {
  createDog(name: String!): Dog
  petDog(times: Int = 1): Boolean
}

type SubscriptionRoot {
  newDog: Dog
  newCat: Cat
  importantEmails: [String]
}

schema {
  query: QueryRoot
  mutation: MutationRoot
  subscription: SubscriptionRoot
}

directive @onField on FIELD
directive @onQuery on QUERY
directive @onMutation on MUTATION
directive @onSubscription on SUBSCRIPTION
directive @onFragmentDefinition on FRAGMENT_DEFINITION
directive @onFragmentSpread on FRAGMENT_SPREAD
directive @onInlineFragment on INLINE_FRAGMENT
directive @onVariableDefinition on VARIABLE_DEFINITION
directive @repeatable repeatable on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT | QUERY
directive @withArgs(req: Int!, opt: String = "x", list: [Int]) on FIELD | QUERY
directive @onObject on OBJECT
)";

const railgun::schema::Schema& FuzzSchema() {
  static const std::shared_ptr<const railgun::schema::Schema> schema = [] {
    auto result = railgun::schema::BuildSchema(kSchema);
    if (!result.schema) std::abort();
    return result.schema;
  }();
  return *schema;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace railgun;
  const std::string_view source(reinterpret_cast<const char*>(data), size);
  language::ParseOptions options;
  options.max_tokens = 20000;
  language::ParseResult parsed = language::Parse(source, options);
  if (!parsed.ok()) return 0;
  validation::ValidationOptions validation_options;
  const auto errors = validation::Validate(FuzzSchema(), parsed.document, validation_options);
  if (errors.size() > validation_options.max_errors + 1) std::abort();
  for (const auto& error : errors)
    if (error.message.empty() || error.code != "GRAPHQL_VALIDATION_FAILED") std::abort();
  return 0;
}
