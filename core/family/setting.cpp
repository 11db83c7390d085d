#include "core/family/setting.h"

namespace mop {

std::string flag_name(const std::string& key) {
    std::string flag = "--" + key;
    for (char& c : flag)
        if (c == '_') c = '-';
    return flag;
}

std::string Setting::flag_name() const { return mop::flag_name(key); }

}  // namespace mop
