// The headers most test areas include, precompiled once for all of them
// (tests/CMakeLists.txt: target_precompile_headers). Parsing these took about
// a third of a test file's compile time; see docs/performance.md.
// Each test file still includes what it uses: this header is only a cache.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "planner/engine/engine.h"
#include "planner/load/yaml_loader.h"
#include "planner/present/messages.h"
#include "tests/support/test_util.h"
