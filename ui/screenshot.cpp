#include "ui/screenshot.h"

#include <glad/gl.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace mop::ui {

std::string write_framebuffer_png(const std::string& path, int width, int height) {
    if (width <= 0 || height <= 0) return "the window has no pixels to save";
    const auto row_bytes = static_cast<std::size_t>(width) * 3;
    std::vector<std::uint8_t> pixels(row_bytes * static_cast<std::size_t>(height));
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    // GL's first row is the bottom of the window; PNG's is the top.
    for (int top = 0, bottom = height - 1; top < bottom; ++top, --bottom)
        std::swap_ranges(pixels.begin() + static_cast<std::ptrdiff_t>(row_bytes) * top,
                         pixels.begin() + static_cast<std::ptrdiff_t>(row_bytes) * (top + 1),
                         pixels.begin() + static_cast<std::ptrdiff_t>(row_bytes) * bottom);
    if (!stbi_write_png(path.c_str(), width, height, 3, pixels.data(), static_cast<int>(row_bytes)))
        return "cannot write '" + path + "'";
    return {};
}

}  // namespace mop::ui
