// `railgun` — command-line entry point. Subcommands are registered in commands.h.
#include <cstdio>
#include <cstring>
#include <string_view>

#include "railgun/version.h"

int main(int argc, char** argv) {
  if (argc >= 2 && (std::strcmp(argv[1], "--version") == 0 || std::strcmp(argv[1], "version") == 0)) {
    std::printf("railgun %s\n", RAILGUN_VERSION);
    return 0;
  }
  std::fprintf(stderr, "usage: railgun <command> [options]\n");
  return 2;
}
