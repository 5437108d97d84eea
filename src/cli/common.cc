// Helpers shared by the subcommands: argument parsing, reading files and documents, JSON output.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "cli/commands.h"
#include "json/writer.h"

namespace railgun::cli {

ParsedArgs ParseArgs(const std::vector<std::string>& args, const std::vector<std::string>& value_options) {
  ParsedArgs out;
  bool only_positionals = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (only_positionals || a.size() < 3 || a.compare(0, 2, "--") != 0) {
      if (a == "--") {
        only_positionals = true;
        continue;
      }
      out.positionals.push_back(a);
      continue;
    }
    std::string name = a.substr(2);
    std::string value;
    bool has_value = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
      has_value = true;
    }
    bool known = false;
    for (const auto& o : value_options) known = known || o == name;
    if (!known) {
      out.error = "unknown option --" + name;
      return out;
    }
    if (!has_value) {
      if (i + 1 >= args.size()) {
        out.error = "option --" + name + " needs a value";
        return out;
      }
      value = args[++i];
    }
    out.options[name] = std::move(value);
  }
  return out;
}

StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return IoError("cannot read " + path);
  return ss.str();
}

StatusOr<std::string> ReadDocumentArgument(const std::string& arg) {
  if (!arg.empty() && arg[0] == '@') return ReadFile(arg.substr(1));
  return arg;
}

json::Value ErrorsDocument(const std::vector<language::GraphQLError>& errors, bool with_extensions) {
  json::Value list = json::Value::MakeArray();
  for (const auto& e : errors) {
    if (with_extensions) {
      list.append(e.ToJson());
    } else {
      language::GraphQLError plain = e;
      plain.code.clear();
      plain.extensions = json::Value();
      list.append(plain.ToJson());
    }
  }
  json::Value doc = json::Value::MakeObject();
  doc.push("errors", std::move(list));
  return doc;
}

void PrintJson(const json::Value& value) {
  std::string out = json::Write(value);
  out += '\n';
  std::fwrite(out.data(), 1, out.size(), stdout);
}

int Fail(std::string_view command, std::string_view message, int code) {
  std::fprintf(stderr, "railgun %.*s: %.*s\n", static_cast<int>(command.size()), command.data(),
               static_cast<int>(message.size()), message.data());
  return code;
}

}  // namespace railgun::cli

namespace railgun::cli {

schema::SchemaResult LoadSchema(const ParsedArgs& args, std::string_view command, int* exit_code) {
  *exit_code = kExitOk;
  const std::string* path = args.option("schema");
  if (path == nullptr) {
    *exit_code = Fail(command, "--schema FILE is required", kExitUsage);
    return {};
  }
  StatusOr<std::string> sdl = ReadFile(*path);
  if (!sdl.ok()) {
    *exit_code = Fail(command, sdl.status().message(), kExitFailure);
    return {};
  }
  schema::SchemaResult result = schema::BuildSchema(*sdl);
  if (result.schema == nullptr) {
    PrintJson(ErrorsDocument(result.errors, false));
    *exit_code = kExitFailure;
  }
  return result;
}

}  // namespace railgun::cli
