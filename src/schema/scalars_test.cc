// Built-in scalar coercion tests; every expected value / message was produced by graphql-js 16.9's
// GraphQLInt/Float/String/Boolean/ID serialize, parseValue and parseLiteral.
#include "schema/scalars.h"

#include <gtest/gtest.h>

#include "language/parser.h"

namespace railgun::schema {
namespace {

using J = json::Value;

struct CoercionCase {
  std::string scalar;
  bool serialize;  // else parseValue
  J input;
  bool ok;
  J expected;
  std::string error;
};

struct LiteralCase {
  std::string scalar;
  std::string literal;
  bool ok;
  J expected;
  std::string error;
};

TEST(ScalarsTest, SerializeAndParseValueMatchGraphqlJs) {
  const CoercionCase cases[] = {
      {"Int", true, J::Int(1LL), true, J::Int(1LL), ""},
      {"Int", true, J::Double(1.5), false, J::Null(), "Int cannot represent non-integer value: 1.5"},
      {"Int", true, J::Int(2147483648LL), false, J::Null(),
       "Int cannot represent non 32-bit signed integer value: 2147483648"},
      {"Int", true, J::Int(-2147483649LL), false, J::Null(),
       "Int cannot represent non 32-bit signed integer value: -2147483649"},
      {"Int", true, J::Double(1e+21), false, J::Null(), "Int cannot represent non 32-bit signed integer value: 1e+21"},
      {"Int", true, J::Bool(true), true, J::Int(1LL), ""},
      {"Int", true, J::Bool(false), true, J::Int(0LL), ""},
      {"Int", true, J::String("123"), true, J::Int(123LL), ""},
      {"Int", true, J::String("1.5"), false, J::Null(), "Int cannot represent non-integer value: \"1.5\""},
      {"Int", true, J::String("abc"), false, J::Null(), "Int cannot represent non-integer value: \"abc\""},
      {"Int", true, J::String(""), false, J::Null(), "Int cannot represent non-integer value: \"\""},
      {"Int", true, J::String(" "), true, J::Int(0LL), ""},
      {"Int", true, J::String("0x1F"), true, J::Int(31LL), ""},
      {"Int", true, J::Null(), false, J::Null(), "Int cannot represent non-integer value: null"},
      {"Int", true, J::MakeArray({J::Int(1LL), J::Int(2LL)}), false, J::Null(),
       "Int cannot represent non-integer value: [1, 2]"},
      {"Int", true, J::MakeObject({{"a", J::Int(1LL)}}), false, J::Null(),
       "Int cannot represent non-integer value: { a: 1 }"},
      {"Int", true, J::MakeArray({J::MakeArray({J::Int(1LL), J::MakeArray({J::Int(2LL)})})}), false, J::Null(),
       "Int cannot represent non-integer value: [[1, [Array]]]"},
      {"Int", true, J::MakeObject({{"a", J::MakeObject({{"b", J::MakeObject({{"c", J::Int(1LL)}})}})}}), false,
       J::Null(), "Int cannot represent non-integer value: { a: { b: [Object] } }"},
      {"Int", true,
       J::MakeArray({J::Int(1LL), J::Int(2LL), J::Int(3LL), J::Int(4LL), J::Int(5LL), J::Int(6LL), J::Int(7LL),
                     J::Int(8LL), J::Int(9LL), J::Int(10LL), J::Int(11LL), J::Int(12LL)}),
       false, J::Null(), "Int cannot represent non-integer value: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ... 2 more items]"},
      {"Int", true, J::Double(0.1), false, J::Null(), "Int cannot represent non-integer value: 0.1"},
      {"Int", true, J::Int(1LL), true, J::Int(1LL), ""},
      {"Int", false, J::Int(1LL), true, J::Int(1LL), ""},
      {"Int", false, J::Double(1.5), false, J::Null(), "Int cannot represent non-integer value: 1.5"},
      {"Int", false, J::Int(2147483648LL), false, J::Null(),
       "Int cannot represent non 32-bit signed integer value: 2147483648"},
      {"Int", false, J::Int(-2147483649LL), false, J::Null(),
       "Int cannot represent non 32-bit signed integer value: -2147483649"},
      {"Int", false, J::Double(1e+21), false, J::Null(), "Int cannot represent non 32-bit signed integer value: 1e+21"},
      {"Int", false, J::Bool(true), false, J::Null(), "Int cannot represent non-integer value: true"},
      {"Int", false, J::Bool(false), false, J::Null(), "Int cannot represent non-integer value: false"},
      {"Int", false, J::String("123"), false, J::Null(), "Int cannot represent non-integer value: \"123\""},
      {"Int", false, J::String("1.5"), false, J::Null(), "Int cannot represent non-integer value: \"1.5\""},
      {"Int", false, J::String("abc"), false, J::Null(), "Int cannot represent non-integer value: \"abc\""},
      {"Int", false, J::String(""), false, J::Null(), "Int cannot represent non-integer value: \"\""},
      {"Int", false, J::String(" "), false, J::Null(), "Int cannot represent non-integer value: \" \""},
      {"Int", false, J::String("0x1F"), false, J::Null(), "Int cannot represent non-integer value: \"0x1F\""},
      {"Int", false, J::Null(), false, J::Null(), "Int cannot represent non-integer value: null"},
      {"Int", false, J::MakeArray({J::Int(1LL), J::Int(2LL)}), false, J::Null(),
       "Int cannot represent non-integer value: [1, 2]"},
      {"Int", false, J::MakeObject({{"a", J::Int(1LL)}}), false, J::Null(),
       "Int cannot represent non-integer value: { a: 1 }"},
      {"Int", false, J::MakeArray({J::MakeArray({J::Int(1LL), J::MakeArray({J::Int(2LL)})})}), false, J::Null(),
       "Int cannot represent non-integer value: [[1, [Array]]]"},
      {"Int", false, J::MakeObject({{"a", J::MakeObject({{"b", J::MakeObject({{"c", J::Int(1LL)}})}})}}), false,
       J::Null(), "Int cannot represent non-integer value: { a: { b: [Object] } }"},
      {"Int", false,
       J::MakeArray({J::Int(1LL), J::Int(2LL), J::Int(3LL), J::Int(4LL), J::Int(5LL), J::Int(6LL), J::Int(7LL),
                     J::Int(8LL), J::Int(9LL), J::Int(10LL), J::Int(11LL), J::Int(12LL)}),
       false, J::Null(), "Int cannot represent non-integer value: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ... 2 more items]"},
      {"Int", false, J::Double(0.1), false, J::Null(), "Int cannot represent non-integer value: 0.1"},
      {"Int", false, J::Int(1LL), true, J::Int(1LL), ""},
      {"Float", true, J::Int(1LL), true, J::Int(1LL), ""},
      {"Float", true, J::Double(1.5), true, J::Double(1.5), ""},
      {"Float", true, J::Int(2147483648LL), true, J::Int(2147483648LL), ""},
      {"Float", true, J::Int(-2147483649LL), true, J::Int(-2147483649LL), ""},
      {"Float", true, J::Double(1e+21), true, J::Double(1e+21), ""},
      {"Float", true, J::Bool(true), true, J::Int(1LL), ""},
      {"Float", true, J::Bool(false), true, J::Int(0LL), ""},
      {"Float", true, J::String("123"), true, J::Int(123LL), ""},
      {"Float", true, J::String("1.5"), true, J::Double(1.5), ""},
      {"Float", true, J::String("abc"), false, J::Null(), "Float cannot represent non numeric value: \"abc\""},
      {"Float", true, J::String(""), false, J::Null(), "Float cannot represent non numeric value: \"\""},
      {"Float", true, J::String(" "), true, J::Int(0LL), ""},
      {"Float", true, J::String("0x1F"), true, J::Int(31LL), ""},
      {"Float", true, J::Null(), false, J::Null(), "Float cannot represent non numeric value: null"},
      {"Float", true, J::MakeArray({J::Int(1LL), J::Int(2LL)}), false, J::Null(),
       "Float cannot represent non numeric value: [1, 2]"},
      {"Float", true, J::MakeObject({{"a", J::Int(1LL)}}), false, J::Null(),
       "Float cannot represent non numeric value: { a: 1 }"},
      {"Float", true, J::MakeArray({J::MakeArray({J::Int(1LL), J::MakeArray({J::Int(2LL)})})}), false, J::Null(),
       "Float cannot represent non numeric value: [[1, [Array]]]"},
      {"Float", true, J::MakeObject({{"a", J::MakeObject({{"b", J::MakeObject({{"c", J::Int(1LL)}})}})}}), false,
       J::Null(), "Float cannot represent non numeric value: { a: { b: [Object] } }"},
      {"Float", true,
       J::MakeArray({J::Int(1LL), J::Int(2LL), J::Int(3LL), J::Int(4LL), J::Int(5LL), J::Int(6LL), J::Int(7LL),
                     J::Int(8LL), J::Int(9LL), J::Int(10LL), J::Int(11LL), J::Int(12LL)}),
       false, J::Null(), "Float cannot represent non numeric value: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ... 2 more items]"},
      {"Float", true, J::Double(0.1), true, J::Double(0.1), ""},
      {"Float", true, J::Int(1LL), true, J::Int(1LL), ""},
      {"Float", false, J::Int(1LL), true, J::Int(1LL), ""},
      {"Float", false, J::Double(1.5), true, J::Double(1.5), ""},
      {"Float", false, J::Int(2147483648LL), true, J::Int(2147483648LL), ""},
      {"Float", false, J::Int(-2147483649LL), true, J::Int(-2147483649LL), ""},
      {"Float", false, J::Double(1e+21), true, J::Double(1e+21), ""},
      {"Float", false, J::Bool(true), false, J::Null(), "Float cannot represent non numeric value: true"},
      {"Float", false, J::Bool(false), false, J::Null(), "Float cannot represent non numeric value: false"},
      {"Float", false, J::String("123"), false, J::Null(), "Float cannot represent non numeric value: \"123\""},
      {"Float", false, J::String("1.5"), false, J::Null(), "Float cannot represent non numeric value: \"1.5\""},
      {"Float", false, J::String("abc"), false, J::Null(), "Float cannot represent non numeric value: \"abc\""},
      {"Float", false, J::String(""), false, J::Null(), "Float cannot represent non numeric value: \"\""},
      {"Float", false, J::String(" "), false, J::Null(), "Float cannot represent non numeric value: \" \""},
      {"Float", false, J::String("0x1F"), false, J::Null(), "Float cannot represent non numeric value: \"0x1F\""},
      {"Float", false, J::Null(), false, J::Null(), "Float cannot represent non numeric value: null"},
      {"Float", false, J::MakeArray({J::Int(1LL), J::Int(2LL)}), false, J::Null(),
       "Float cannot represent non numeric value: [1, 2]"},
      {"Float", false, J::MakeObject({{"a", J::Int(1LL)}}), false, J::Null(),
       "Float cannot represent non numeric value: { a: 1 }"},
      {"Float", false, J::MakeArray({J::MakeArray({J::Int(1LL), J::MakeArray({J::Int(2LL)})})}), false, J::Null(),
       "Float cannot represent non numeric value: [[1, [Array]]]"},
      {"Float", false, J::MakeObject({{"a", J::MakeObject({{"b", J::MakeObject({{"c", J::Int(1LL)}})}})}}), false,
       J::Null(), "Float cannot represent non numeric value: { a: { b: [Object] } }"},
      {"Float", false,
       J::MakeArray({J::Int(1LL), J::Int(2LL), J::Int(3LL), J::Int(4LL), J::Int(5LL), J::Int(6LL), J::Int(7LL),
                     J::Int(8LL), J::Int(9LL), J::Int(10LL), J::Int(11LL), J::Int(12LL)}),
       false, J::Null(), "Float cannot represent non numeric value: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ... 2 more items]"},
      {"Float", false, J::Double(0.1), true, J::Double(0.1), ""},
      {"Float", false, J::Int(1LL), true, J::Int(1LL), ""},
      {"String", true, J::Int(1LL), true, J::String("1"), ""},
      {"String", true, J::Double(1.5), true, J::String("1.5"), ""},
      {"String", true, J::Int(2147483648LL), true, J::String("2147483648"), ""},
      {"String", true, J::Int(-2147483649LL), true, J::String("-2147483649"), ""},
      {"String", true, J::Double(1e+21), true, J::String("1e+21"), ""},
      {"String", true, J::Bool(true), true, J::String("true"), ""},
      {"String", true, J::Bool(false), true, J::String("false"), ""},
      {"String", true, J::String("123"), true, J::String("123"), ""},
      {"String", true, J::String("1.5"), true, J::String("1.5"), ""},
      {"String", true, J::String("abc"), true, J::String("abc"), ""},
      {"String", true, J::String(""), true, J::String(""), ""},
      {"String", true, J::String(" "), true, J::String(" "), ""},
      {"String", true, J::String("0x1F"), true, J::String("0x1F"), ""},
      {"String", true, J::Null(), false, J::Null(), "String cannot represent value: null"},
      {"String", true, J::MakeArray({J::Int(1LL), J::Int(2LL)}), false, J::Null(),
       "String cannot represent value: [1, 2]"},
      {"String", true, J::MakeObject({{"a", J::Int(1LL)}}), false, J::Null(),
       "String cannot represent value: { a: 1 }"},
      {"String", true, J::MakeArray({J::MakeArray({J::Int(1LL), J::MakeArray({J::Int(2LL)})})}), false, J::Null(),
       "String cannot represent value: [[1, [Array]]]"},
      {"String", true, J::MakeObject({{"a", J::MakeObject({{"b", J::MakeObject({{"c", J::Int(1LL)}})}})}}), false,
       J::Null(), "String cannot represent value: { a: { b: [Object] } }"},
      {"String", true,
       J::MakeArray({J::Int(1LL), J::Int(2LL), J::Int(3LL), J::Int(4LL), J::Int(5LL), J::Int(6LL), J::Int(7LL),
                     J::Int(8LL), J::Int(9LL), J::Int(10LL), J::Int(11LL), J::Int(12LL)}),
       false, J::Null(), "String cannot represent value: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ... 2 more items]"},
      {"String", true, J::Double(0.1), true, J::String("0.1"), ""},
      {"String", true, J::Int(1LL), true, J::String("1"), ""},
      {"String", false, J::Int(1LL), false, J::Null(), "String cannot represent a non string value: 1"},
      {"String", false, J::Double(1.5), false, J::Null(), "String cannot represent a non string value: 1.5"},
      {"String", false, J::Int(2147483648LL), false, J::Null(),
       "String cannot represent a non string value: 2147483648"},
      {"String", false, J::Int(-2147483649LL), false, J::Null(),
       "String cannot represent a non string value: -2147483649"},
      {"String", false, J::Double(1e+21), false, J::Null(), "String cannot represent a non string value: 1e+21"},
      {"String", false, J::Bool(true), false, J::Null(), "String cannot represent a non string value: true"},
      {"String", false, J::Bool(false), false, J::Null(), "String cannot represent a non string value: false"},
      {"String", false, J::String("123"), true, J::String("123"), ""},
      {"String", false, J::String("1.5"), true, J::String("1.5"), ""},
      {"String", false, J::String("abc"), true, J::String("abc"), ""},
      {"String", false, J::String(""), true, J::String(""), ""},
      {"String", false, J::String(" "), true, J::String(" "), ""},
      {"String", false, J::String("0x1F"), true, J::String("0x1F"), ""},
      {"String", false, J::Null(), false, J::Null(), "String cannot represent a non string value: null"},
      {"String", false, J::MakeArray({J::Int(1LL), J::Int(2LL)}), false, J::Null(),
       "String cannot represent a non string value: [1, 2]"},
      {"String", false, J::MakeObject({{"a", J::Int(1LL)}}), false, J::Null(),
       "String cannot represent a non string value: { a: 1 }"},
      {"String", false, J::MakeArray({J::MakeArray({J::Int(1LL), J::MakeArray({J::Int(2LL)})})}), false, J::Null(),
       "String cannot represent a non string value: [[1, [Array]]]"},
      {"String", false, J::MakeObject({{"a", J::MakeObject({{"b", J::MakeObject({{"c", J::Int(1LL)}})}})}}), false,
       J::Null(), "String cannot represent a non string value: { a: { b: [Object] } }"},
      {"String", false,
       J::MakeArray({J::Int(1LL), J::Int(2LL), J::Int(3LL), J::Int(4LL), J::Int(5LL), J::Int(6LL), J::Int(7LL),
                     J::Int(8LL), J::Int(9LL), J::Int(10LL), J::Int(11LL), J::Int(12LL)}),
       false, J::Null(),
       "String cannot represent a non string value: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ... 2 more items]"},
      {"String", false, J::Double(0.1), false, J::Null(), "String cannot represent a non string value: 0.1"},
      {"String", false, J::Int(1LL), false, J::Null(), "String cannot represent a non string value: 1"},
      {"Boolean", true, J::Int(1LL), true, J::Bool(true), ""},
      {"Boolean", true, J::Double(1.5), true, J::Bool(true), ""},
      {"Boolean", true, J::Int(2147483648LL), true, J::Bool(true), ""},
      {"Boolean", true, J::Int(-2147483649LL), true, J::Bool(true), ""},
      {"Boolean", true, J::Double(1e+21), true, J::Bool(true), ""},
      {"Boolean", true, J::Bool(true), true, J::Bool(true), ""},
      {"Boolean", true, J::Bool(false), true, J::Bool(false), ""},
      {"Boolean", true, J::String("123"), false, J::Null(), "Boolean cannot represent a non boolean value: \"123\""},
      {"Boolean", true, J::String("1.5"), false, J::Null(), "Boolean cannot represent a non boolean value: \"1.5\""},
      {"Boolean", true, J::String("abc"), false, J::Null(), "Boolean cannot represent a non boolean value: \"abc\""},
      {"Boolean", true, J::String(""), false, J::Null(), "Boolean cannot represent a non boolean value: \"\""},
      {"Boolean", true, J::String(" "), false, J::Null(), "Boolean cannot represent a non boolean value: \" \""},
      {"Boolean", true, J::String("0x1F"), false, J::Null(), "Boolean cannot represent a non boolean value: \"0x1F\""},
      {"Boolean", true, J::Null(), false, J::Null(), "Boolean cannot represent a non boolean value: null"},
      {"Boolean", true, J::MakeArray({J::Int(1LL), J::Int(2LL)}), false, J::Null(),
       "Boolean cannot represent a non boolean value: [1, 2]"},
      {"Boolean", true, J::MakeObject({{"a", J::Int(1LL)}}), false, J::Null(),
       "Boolean cannot represent a non boolean value: { a: 1 }"},
      {"Boolean", true, J::MakeArray({J::MakeArray({J::Int(1LL), J::MakeArray({J::Int(2LL)})})}), false, J::Null(),
       "Boolean cannot represent a non boolean value: [[1, [Array]]]"},
      {"Boolean", true, J::MakeObject({{"a", J::MakeObject({{"b", J::MakeObject({{"c", J::Int(1LL)}})}})}}), false,
       J::Null(), "Boolean cannot represent a non boolean value: { a: { b: [Object] } }"},
      {"Boolean", true,
       J::MakeArray({J::Int(1LL), J::Int(2LL), J::Int(3LL), J::Int(4LL), J::Int(5LL), J::Int(6LL), J::Int(7LL),
                     J::Int(8LL), J::Int(9LL), J::Int(10LL), J::Int(11LL), J::Int(12LL)}),
       false, J::Null(),
       "Boolean cannot represent a non boolean value: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ... 2 more items]"},
      {"Boolean", true, J::Double(0.1), true, J::Bool(true), ""},
      {"Boolean", true, J::Int(1LL), true, J::Bool(true), ""},
      {"Boolean", false, J::Int(1LL), false, J::Null(), "Boolean cannot represent a non boolean value: 1"},
      {"Boolean", false, J::Double(1.5), false, J::Null(), "Boolean cannot represent a non boolean value: 1.5"},
      {"Boolean", false, J::Int(2147483648LL), false, J::Null(),
       "Boolean cannot represent a non boolean value: 2147483648"},
      {"Boolean", false, J::Int(-2147483649LL), false, J::Null(),
       "Boolean cannot represent a non boolean value: -2147483649"},
      {"Boolean", false, J::Double(1e+21), false, J::Null(), "Boolean cannot represent a non boolean value: 1e+21"},
      {"Boolean", false, J::Bool(true), true, J::Bool(true), ""},
      {"Boolean", false, J::Bool(false), true, J::Bool(false), ""},
      {"Boolean", false, J::String("123"), false, J::Null(), "Boolean cannot represent a non boolean value: \"123\""},
      {"Boolean", false, J::String("1.5"), false, J::Null(), "Boolean cannot represent a non boolean value: \"1.5\""},
      {"Boolean", false, J::String("abc"), false, J::Null(), "Boolean cannot represent a non boolean value: \"abc\""},
      {"Boolean", false, J::String(""), false, J::Null(), "Boolean cannot represent a non boolean value: \"\""},
      {"Boolean", false, J::String(" "), false, J::Null(), "Boolean cannot represent a non boolean value: \" \""},
      {"Boolean", false, J::String("0x1F"), false, J::Null(), "Boolean cannot represent a non boolean value: \"0x1F\""},
      {"Boolean", false, J::Null(), false, J::Null(), "Boolean cannot represent a non boolean value: null"},
      {"Boolean", false, J::MakeArray({J::Int(1LL), J::Int(2LL)}), false, J::Null(),
       "Boolean cannot represent a non boolean value: [1, 2]"},
      {"Boolean", false, J::MakeObject({{"a", J::Int(1LL)}}), false, J::Null(),
       "Boolean cannot represent a non boolean value: { a: 1 }"},
      {"Boolean", false, J::MakeArray({J::MakeArray({J::Int(1LL), J::MakeArray({J::Int(2LL)})})}), false, J::Null(),
       "Boolean cannot represent a non boolean value: [[1, [Array]]]"},
      {"Boolean", false, J::MakeObject({{"a", J::MakeObject({{"b", J::MakeObject({{"c", J::Int(1LL)}})}})}}), false,
       J::Null(), "Boolean cannot represent a non boolean value: { a: { b: [Object] } }"},
      {"Boolean", false,
       J::MakeArray({J::Int(1LL), J::Int(2LL), J::Int(3LL), J::Int(4LL), J::Int(5LL), J::Int(6LL), J::Int(7LL),
                     J::Int(8LL), J::Int(9LL), J::Int(10LL), J::Int(11LL), J::Int(12LL)}),
       false, J::Null(),
       "Boolean cannot represent a non boolean value: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ... 2 more items]"},
      {"Boolean", false, J::Double(0.1), false, J::Null(), "Boolean cannot represent a non boolean value: 0.1"},
      {"Boolean", false, J::Int(1LL), false, J::Null(), "Boolean cannot represent a non boolean value: 1"},
      {"ID", true, J::Int(1LL), true, J::String("1"), ""},
      {"ID", true, J::Double(1.5), false, J::Null(), "ID cannot represent value: 1.5"},
      {"ID", true, J::Int(2147483648LL), true, J::String("2147483648"), ""},
      {"ID", true, J::Int(-2147483649LL), true, J::String("-2147483649"), ""},
      {"ID", true, J::Double(1e+21), true, J::String("1e+21"), ""},
      {"ID", true, J::Bool(true), false, J::Null(), "ID cannot represent value: true"},
      {"ID", true, J::Bool(false), false, J::Null(), "ID cannot represent value: false"},
      {"ID", true, J::String("123"), true, J::String("123"), ""},
      {"ID", true, J::String("1.5"), true, J::String("1.5"), ""},
      {"ID", true, J::String("abc"), true, J::String("abc"), ""},
      {"ID", true, J::String(""), true, J::String(""), ""},
      {"ID", true, J::String(" "), true, J::String(" "), ""},
      {"ID", true, J::String("0x1F"), true, J::String("0x1F"), ""},
      {"ID", true, J::Null(), false, J::Null(), "ID cannot represent value: null"},
      {"ID", true, J::MakeArray({J::Int(1LL), J::Int(2LL)}), false, J::Null(), "ID cannot represent value: [1, 2]"},
      {"ID", true, J::MakeObject({{"a", J::Int(1LL)}}), false, J::Null(), "ID cannot represent value: { a: 1 }"},
      {"ID", true, J::MakeArray({J::MakeArray({J::Int(1LL), J::MakeArray({J::Int(2LL)})})}), false, J::Null(),
       "ID cannot represent value: [[1, [Array]]]"},
      {"ID", true, J::MakeObject({{"a", J::MakeObject({{"b", J::MakeObject({{"c", J::Int(1LL)}})}})}}), false,
       J::Null(), "ID cannot represent value: { a: { b: [Object] } }"},
      {"ID", true,
       J::MakeArray({J::Int(1LL), J::Int(2LL), J::Int(3LL), J::Int(4LL), J::Int(5LL), J::Int(6LL), J::Int(7LL),
                     J::Int(8LL), J::Int(9LL), J::Int(10LL), J::Int(11LL), J::Int(12LL)}),
       false, J::Null(), "ID cannot represent value: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ... 2 more items]"},
      {"ID", true, J::Double(0.1), false, J::Null(), "ID cannot represent value: 0.1"},
      {"ID", true, J::Int(1LL), true, J::String("1"), ""},
      {"ID", false, J::Int(1LL), true, J::String("1"), ""},
      {"ID", false, J::Double(1.5), false, J::Null(), "ID cannot represent value: 1.5"},
      {"ID", false, J::Int(2147483648LL), true, J::String("2147483648"), ""},
      {"ID", false, J::Int(-2147483649LL), true, J::String("-2147483649"), ""},
      {"ID", false, J::Double(1e+21), true, J::String("1e+21"), ""},
      {"ID", false, J::Bool(true), false, J::Null(), "ID cannot represent value: true"},
      {"ID", false, J::Bool(false), false, J::Null(), "ID cannot represent value: false"},
      {"ID", false, J::String("123"), true, J::String("123"), ""},
      {"ID", false, J::String("1.5"), true, J::String("1.5"), ""},
      {"ID", false, J::String("abc"), true, J::String("abc"), ""},
      {"ID", false, J::String(""), true, J::String(""), ""},
      {"ID", false, J::String(" "), true, J::String(" "), ""},
      {"ID", false, J::String("0x1F"), true, J::String("0x1F"), ""},
      {"ID", false, J::Null(), false, J::Null(), "ID cannot represent value: null"},
      {"ID", false, J::MakeArray({J::Int(1LL), J::Int(2LL)}), false, J::Null(), "ID cannot represent value: [1, 2]"},
      {"ID", false, J::MakeObject({{"a", J::Int(1LL)}}), false, J::Null(), "ID cannot represent value: { a: 1 }"},
      {"ID", false, J::MakeArray({J::MakeArray({J::Int(1LL), J::MakeArray({J::Int(2LL)})})}), false, J::Null(),
       "ID cannot represent value: [[1, [Array]]]"},
      {"ID", false, J::MakeObject({{"a", J::MakeObject({{"b", J::MakeObject({{"c", J::Int(1LL)}})}})}}), false,
       J::Null(), "ID cannot represent value: { a: { b: [Object] } }"},
      {"ID", false,
       J::MakeArray({J::Int(1LL), J::Int(2LL), J::Int(3LL), J::Int(4LL), J::Int(5LL), J::Int(6LL), J::Int(7LL),
                     J::Int(8LL), J::Int(9LL), J::Int(10LL), J::Int(11LL), J::Int(12LL)}),
       false, J::Null(), "ID cannot represent value: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ... 2 more items]"},
      {"ID", false, J::Double(0.1), false, J::Null(), "ID cannot represent value: 0.1"},
      {"ID", false, J::Int(1LL), true, J::String("1"), ""},
  };
  for (const auto& c : cases) {
    const NamedType* type = SpecifiedScalarType(c.scalar);
    ASSERT_NE(type, nullptr);
    std::string error;
    auto got = c.serialize ? SerializeScalar(*type, c.input, &error) : ParseScalarValue(*type, c.input, &error);
    std::string what = c.scalar + (c.serialize ? " serialize " : " parseValue ") + Inspect(c.input);
    ASSERT_EQ(got.has_value(), c.ok) << what << " -> " << error;
    if (c.ok) {
      EXPECT_TRUE(*got == c.expected) << what << " -> " << Inspect(*got);
    } else {
      EXPECT_EQ(error, c.error) << what;
    }
  }
}

TEST(ScalarsTest, ParseLiteralMatchesGraphqlJs) {
  const LiteralCase cases[] = {
      {"Int", "1", true, J::Int(1LL), ""},
      {"Int", "1.5", false, J::Null(), "Int cannot represent non-integer value: 1.5"},
      {"Int", "2147483648", false, J::Null(), "Int cannot represent non 32-bit signed integer value: 2147483648"},
      {"Int", "\"s\"", false, J::Null(), "Int cannot represent non-integer value: \"s\""},
      {"Int", "true", false, J::Null(), "Int cannot represent non-integer value: true"},
      {"Int", "null", false, J::Null(), "Int cannot represent non-integer value: null"},
      {"Int", "ENUM", false, J::Null(), "Int cannot represent non-integer value: ENUM"},
      {"Int", "[1]", false, J::Null(), "Int cannot represent non-integer value: [1]"},
      {"Int", "{a: 1}", false, J::Null(), "Int cannot represent non-integer value: {a: 1}"},
      {"Int", "-0", true, J::Int(0LL), ""},
      {"Int", "12345678901234567890", false, J::Null(),
       "Int cannot represent non 32-bit signed integer value: 12345678901234567890"},
      {"Float", "1", true, J::Int(1LL), ""},
      {"Float", "1.5", true, J::Double(1.5), ""},
      {"Float", "2147483648", true, J::Int(2147483648LL), ""},
      {"Float", "\"s\"", false, J::Null(), "Float cannot represent non numeric value: \"s\""},
      {"Float", "true", false, J::Null(), "Float cannot represent non numeric value: true"},
      {"Float", "null", false, J::Null(), "Float cannot represent non numeric value: null"},
      {"Float", "ENUM", false, J::Null(), "Float cannot represent non numeric value: ENUM"},
      {"Float", "[1]", false, J::Null(), "Float cannot represent non numeric value: [1]"},
      {"Float", "{a: 1}", false, J::Null(), "Float cannot represent non numeric value: {a: 1}"},
      {"Float", "-0", true, J::Int(0LL), ""},
      {"Float", "12345678901234567890", true, J::Double(12345678901234567000.0), ""},
      {"String", "1", false, J::Null(), "String cannot represent a non string value: 1"},
      {"String", "1.5", false, J::Null(), "String cannot represent a non string value: 1.5"},
      {"String", "2147483648", false, J::Null(), "String cannot represent a non string value: 2147483648"},
      {"String", "\"s\"", true, J::String("s"), ""},
      {"String", "true", false, J::Null(), "String cannot represent a non string value: true"},
      {"String", "null", false, J::Null(), "String cannot represent a non string value: null"},
      {"String", "ENUM", false, J::Null(), "String cannot represent a non string value: ENUM"},
      {"String", "[1]", false, J::Null(), "String cannot represent a non string value: [1]"},
      {"String", "{a: 1}", false, J::Null(), "String cannot represent a non string value: {a: 1}"},
      {"String", "-0", false, J::Null(), "String cannot represent a non string value: -0"},
      {"String", "12345678901234567890", false, J::Null(),
       "String cannot represent a non string value: 12345678901234567890"},
      {"Boolean", "1", false, J::Null(), "Boolean cannot represent a non boolean value: 1"},
      {"Boolean", "1.5", false, J::Null(), "Boolean cannot represent a non boolean value: 1.5"},
      {"Boolean", "2147483648", false, J::Null(), "Boolean cannot represent a non boolean value: 2147483648"},
      {"Boolean", "\"s\"", false, J::Null(), "Boolean cannot represent a non boolean value: \"s\""},
      {"Boolean", "true", true, J::Bool(true), ""},
      {"Boolean", "null", false, J::Null(), "Boolean cannot represent a non boolean value: null"},
      {"Boolean", "ENUM", false, J::Null(), "Boolean cannot represent a non boolean value: ENUM"},
      {"Boolean", "[1]", false, J::Null(), "Boolean cannot represent a non boolean value: [1]"},
      {"Boolean", "{a: 1}", false, J::Null(), "Boolean cannot represent a non boolean value: {a: 1}"},
      {"Boolean", "-0", false, J::Null(), "Boolean cannot represent a non boolean value: -0"},
      {"Boolean", "12345678901234567890", false, J::Null(),
       "Boolean cannot represent a non boolean value: 12345678901234567890"},
      {"ID", "1", true, J::String("1"), ""},
      {"ID", "1.5", false, J::Null(), "ID cannot represent a non-string and non-integer value: 1.5"},
      {"ID", "2147483648", true, J::String("2147483648"), ""},
      {"ID", "\"s\"", true, J::String("s"), ""},
      {"ID", "true", false, J::Null(), "ID cannot represent a non-string and non-integer value: true"},
      {"ID", "null", false, J::Null(), "ID cannot represent a non-string and non-integer value: null"},
      {"ID", "ENUM", false, J::Null(), "ID cannot represent a non-string and non-integer value: ENUM"},
      {"ID", "[1]", false, J::Null(), "ID cannot represent a non-string and non-integer value: [1]"},
      {"ID", "{a: 1}", false, J::Null(), "ID cannot represent a non-string and non-integer value: {a: 1}"},
      {"ID", "-0", true, J::String("-0"), ""},
      {"ID", "12345678901234567890", true, J::String("12345678901234567890"), ""},
  };
  for (const auto& c : cases) {
    const NamedType* type = SpecifiedScalarType(c.scalar);
    ASSERT_NE(type, nullptr);
    auto parsed = language::ParseValue(c.literal);
    ASSERT_TRUE(parsed.ok()) << c.literal;
    std::string error;
    auto got = ParseScalarLiteral(*type, parsed.value, nullptr, &error);
    ASSERT_EQ(got.has_value(), c.ok) << c.scalar << " " << c.literal << " -> " << error;
    if (c.ok) {
      EXPECT_TRUE(*got == c.expected) << c.scalar << " " << c.literal << " -> " << Inspect(*got);
    } else {
      EXPECT_EQ(error, c.error) << c.scalar << " " << c.literal;
    }
  }
}

TEST(ScalarsTest, CustomScalarDefaultsAreIdentity) {
  NamedType custom;
  custom.name = "JSON";
  J obj = J::MakeObject({{"a", J::MakeArray({J::Int(1), J::Bool(true)})}});
  std::string error;
  EXPECT_TRUE(*SerializeScalar(custom, obj, &error) == obj);
  EXPECT_TRUE(*ParseScalarValue(custom, obj, &error) == obj);
  auto lit = language::ParseValue("{a: [1, true], b: $v, c: ENUM, d: 1.5}");
  ASSERT_TRUE(lit.ok());
  J vars = J::MakeObject({{"v", J::String("x")}});
  auto got = ParseScalarLiteral(custom, lit.value, &vars, &error);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(Inspect(*got), "{ a: [1, true], b: \"x\", c: \"ENUM\", d: 1.5 }");
  auto without_vars = ParseScalarLiteral(custom, lit.value, nullptr, &error);
  ASSERT_TRUE(without_vars.has_value());
  EXPECT_EQ(Inspect(*without_vars), "{ a: [1, true], c: \"ENUM\", d: 1.5 }");

  custom.scalar.parse_value = [](const J& v, std::string* err) -> std::optional<J> {
    if (v.is_string()) return v;
    *err = "custom says no";
    return std::nullopt;
  };
  auto rejected = language::ParseValue("3");
  EXPECT_FALSE(ParseScalarLiteral(custom, rejected.value, nullptr, &error).has_value());
  EXPECT_EQ(error, "custom says no");
}

TEST(ScalarsTest, JsNumberFormatting) {
  EXPECT_EQ(JsNumberToString(1.5), "1.5");
  EXPECT_EQ(JsNumberToString(1e21), "1e+21");
  EXPECT_EQ(JsNumberToString(1e20), "100000000000000000000");
  EXPECT_EQ(JsNumberToString(0.000001), "0.000001");
  EXPECT_EQ(JsNumberToString(1e-7), "1e-7");
  EXPECT_EQ(JsNumberToString(-0.0), "0");
  EXPECT_EQ(JsNumberToString(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(JsNumberToString(-123.456e-10), "-1.23456e-8");
}

}  // namespace
}  // namespace railgun::schema
