#pragma once
#define RAILGUN_VERSION "0.1.0"
