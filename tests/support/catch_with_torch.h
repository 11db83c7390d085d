// Catch2 for tests that use LibTorch. LibTorch's glog defines CHECK as an assertion that aborts the
// process; undefining it before Catch makes CHECK Catch's again (a failing check is reported, the
// run goes on). Test files include this instead of <catch2/catch.hpp> + <torch/torch.h>.
#pragma once

#include <torch/torch.h>
#undef CHECK
#include <catch2/catch.hpp>
