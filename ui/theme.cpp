#include "ui/theme.h"

#include <filesystem>

namespace mop::ui {

namespace {

constexpr const char* kFontDir = "/usr/share/fonts/truetype/dejavu/";
constexpr float kBodySize = 16.0f;
constexpr float kSmallSize = 13.5f;
constexpr float kHeadingSize = 21.0f;

ImFont* load_font(const char* file, float size) {
    ImGuiIO& io = ImGui::GetIO();
    const std::string path = std::string(kFontDir) + file;
    if (std::filesystem::exists(path)) return io.Fonts->AddFontFromFileTTF(path.c_str(), size);
    ImFontConfig config;
    config.SizePixels = size;
    return io.Fonts->AddFontDefault(&config);
}

void apply_colours(ImGuiStyle& style) {
    ImVec4* c = style.Colors;
    const ImVec4 accent(0.21f, 0.53f, 0.55f, 1.0f);  // a teal taken from the middle of viridis
    c[ImGuiCol_Text] = ImVec4(0.88f, 0.89f, 0.91f, 1.0f);
    c[ImGuiCol_TextDisabled] = ImVec4(0.52f, 0.54f, 0.58f, 1.0f);
    c[ImGuiCol_WindowBg] = ImVec4(0.105f, 0.112f, 0.128f, 1.0f);
    c[ImGuiCol_ChildBg] = ImVec4(0.128f, 0.136f, 0.155f, 1.0f);
    c[ImGuiCol_PopupBg] = ImVec4(0.14f, 0.15f, 0.17f, 0.97f);
    c[ImGuiCol_Border] = ImVec4(0.24f, 0.25f, 0.29f, 1.0f);
    c[ImGuiCol_FrameBg] = ImVec4(0.18f, 0.19f, 0.22f, 1.0f);
    c[ImGuiCol_FrameBgHovered] = ImVec4(0.23f, 0.25f, 0.29f, 1.0f);
    c[ImGuiCol_FrameBgActive] = ImVec4(0.26f, 0.28f, 0.33f, 1.0f);
    c[ImGuiCol_Button] = ImVec4(accent.x, accent.y, accent.z, 0.75f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.26f, 0.62f, 0.63f, 1.0f);
    c[ImGuiCol_ButtonActive] = ImVec4(0.18f, 0.45f, 0.47f, 1.0f);
    c[ImGuiCol_Header] = ImVec4(accent.x, accent.y, accent.z, 0.45f);
    c[ImGuiCol_HeaderHovered] = ImVec4(accent.x, accent.y, accent.z, 0.65f);
    c[ImGuiCol_HeaderActive] = ImVec4(accent.x, accent.y, accent.z, 0.85f);
    c[ImGuiCol_CheckMark] = ImVec4(0.42f, 0.81f, 0.35f, 1.0f);
    c[ImGuiCol_Tab] = ImVec4(0.16f, 0.17f, 0.20f, 1.0f);
    c[ImGuiCol_TabHovered] = ImVec4(0.26f, 0.62f, 0.63f, 0.9f);
    c[ImGuiCol_TabActive] = ImVec4(accent.x, accent.y, accent.z, 1.0f);
    c[ImGuiCol_Separator] = c[ImGuiCol_Border];
    c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_TitleBg] = c[ImGuiCol_WindowBg];
    c[ImGuiCol_TitleBgActive] = c[ImGuiCol_WindowBg];
}

}  // namespace

void apply_theme(float scale) {
    ImGuiStyle& style = ImGui::GetStyle();
    ImGui::StyleColorsDark(&style);
    style.WindowPadding = ImVec2(14, 12);
    style.FramePadding = ImVec2(8, 5);
    style.ItemSpacing = ImVec2(10, 8);
    style.ItemInnerSpacing = ImVec2(6, 5);
    style.WindowRounding = 0.0f;
    style.ChildRounding = 6.0f;
    style.FrameRounding = 4.0f;
    style.PopupRounding = 4.0f;
    style.GrabRounding = 4.0f;
    style.TabRounding = 4.0f;
    style.ScrollbarSize = 12.0f;
    style.WindowBorderSize = 0.0f;
    style.ChildBorderSize = 1.0f;
    apply_colours(style);
    style.ScaleAllSizes(scale);

    // Loaded in FontRole order, so font() can find them by index.
    load_font("DejaVuSans.ttf", kBodySize * scale);
    load_font("DejaVuSans.ttf", kSmallSize * scale);
    load_font("DejaVuSans-Bold.ttf", kHeadingSize * scale);
}

ImFont* font(FontRole role) {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    const int index = static_cast<int>(role);
    return index < atlas->Fonts.Size ? atlas->Fonts[index] : ImGui::GetFont();
}

float ui_scale() { return font(FontRole::Body)->FontSize / kBodySize; }

ImU32 to_imu32(const Rgb& c, float alpha) { return IM_COL32(to_byte(c.r), to_byte(c.g), to_byte(c.b), to_byte(alpha)); }

ImU32 text_colour_on(const Rgb& background) {
    return luma(background) > 0.5f ? IM_COL32(20, 20, 24, 255) : IM_COL32(250, 250, 252, 255);
}

}  // namespace mop::ui
