// Naming rules of the generated schema: graphene's camelCase conversion, snake_case of class names,
// pluralization of root list fields and the GraphQL names derived from a model.
#pragma once

#include <string>
#include <string_view>

namespace railgun::generate {

// graphene's to_camel_case: split on '_', keep the first part, capitalize the others (first letter upper, the
// rest lower, like Python's str.capitalize), and an empty part (from `__`) becomes '_':
// "created_at" -> "createdAt", "name__icontains" -> "name_Icontains", "week_day" -> "weekDay".
[[nodiscard]] std::string ToCamelCase(std::string_view snake);

// "ProductAttribute" -> "product_attribute", "ABTest" -> "ab_test", "Post2Tag" -> "post2_tag".
[[nodiscard]] std::string ToSnakeCase(std::string_view class_name);

// "saas" -> "Saas", "my_app" -> "MyApp".
[[nodiscard]] std::string ToPascalCase(std::string_view snake);

// English plural of a snake_case or camelCase name, Django-ish, applied to the last word:
//   consonant + "y" -> "ies" (category -> categories), s / x / z / ch / sh -> + "es" (address -> addresses,
//   box -> boxes), otherwise + "s" (post -> posts, day -> days).
[[nodiscard]] std::string Pluralize(std::string_view name);

// Whether `name` is a valid GraphQL name (/[_A-Za-z][_0-9A-Za-z]*/).
[[nodiscard]] bool IsGraphQLName(std::string_view name);

}  // namespace railgun::generate
