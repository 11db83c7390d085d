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

Theme g_theme = Theme::Dark;

const ScreenPalette kDarkPalette{IM_COL32(150, 156, 168, 255),
                                 IM_COL32(190, 195, 205, 255),
                                 IM_COL32(130, 136, 148, 255),
                                 IM_COL32(70, 75, 86, 255),
                                 Colour{{0.75f, 0.77f, 0.81f}, 1.0f},
                                 Colour{{0.51f, 0.53f, 0.58f}, 1.0f},
                                 Colour{{1.0f, 1.0f, 1.0f}, 0.9f},
                                 Colour{{0.80f, 0.82f, 0.86f}, 1.0f},
                                 Colour{{0.27f, 0.29f, 0.34f}, 1.0f},
                                 Colour{{0.22f, 0.23f, 0.26f}, 1.0f},
                                 Rgb{0.128f, 0.136f, 0.155f},
                                 false};
const ScreenPalette kLightPalette{IM_COL32(90, 96, 108, 255),
                                  IM_COL32(45, 48, 56, 255),
                                  IM_COL32(105, 110, 122, 255),
                                  IM_COL32(175, 180, 190, 255),
                                  Colour{{0.16f, 0.17f, 0.20f}, 1.0f},
                                  Colour{{0.42f, 0.44f, 0.49f}, 1.0f},
                                  Colour{{0.0f, 0.0f, 0.0f}, 0.9f},
                                  Colour{{0.30f, 0.32f, 0.36f}, 1.0f},
                                  Colour{{0.72f, 0.74f, 0.79f}, 1.0f},
                                  Colour{{0.86f, 0.87f, 0.90f}, 1.0f},
                                  Rgb{0.975f, 0.977f, 0.983f},
                                  true};

// The same teal accent on a light ground: darker text, pale frames.
void apply_light_colours(ImGuiStyle& style) {
    ImVec4* c = style.Colors;
    const ImVec4 accent(0.16f, 0.47f, 0.49f, 1.0f);
    c[ImGuiCol_Text] = ImVec4(0.11f, 0.12f, 0.14f, 1.0f);
    c[ImGuiCol_TextDisabled] = ImVec4(0.40f, 0.42f, 0.46f, 1.0f);
    c[ImGuiCol_WindowBg] = ImVec4(0.93f, 0.935f, 0.945f, 1.0f);
    c[ImGuiCol_ChildBg] = ImVec4(0.975f, 0.977f, 0.983f, 1.0f);
    c[ImGuiCol_PopupBg] = ImVec4(0.99f, 0.99f, 0.995f, 0.98f);
    c[ImGuiCol_Border] = ImVec4(0.76f, 0.78f, 0.82f, 1.0f);
    c[ImGuiCol_FrameBg] = ImVec4(0.87f, 0.88f, 0.90f, 1.0f);
    c[ImGuiCol_FrameBgHovered] = ImVec4(0.82f, 0.84f, 0.87f, 1.0f);
    c[ImGuiCol_FrameBgActive] = ImVec4(0.78f, 0.80f, 0.84f, 1.0f);
    c[ImGuiCol_Button] = ImVec4(accent.x, accent.y, accent.z, 0.85f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.20f, 0.55f, 0.57f, 1.0f);
    c[ImGuiCol_ButtonActive] = ImVec4(0.12f, 0.40f, 0.42f, 1.0f);
    c[ImGuiCol_Header] = ImVec4(accent.x, accent.y, accent.z, 0.30f);
    c[ImGuiCol_HeaderHovered] = ImVec4(accent.x, accent.y, accent.z, 0.45f);
    c[ImGuiCol_HeaderActive] = ImVec4(accent.x, accent.y, accent.z, 0.60f);
    c[ImGuiCol_CheckMark] = ImVec4(0.13f, 0.55f, 0.25f, 1.0f);
    c[ImGuiCol_SliderGrab] = ImVec4(accent.x, accent.y, accent.z, 0.9f);
    c[ImGuiCol_SliderGrabActive] = accent;
    c[ImGuiCol_Tab] = ImVec4(0.84f, 0.85f, 0.88f, 1.0f);
    c[ImGuiCol_TabHovered] = ImVec4(0.20f, 0.55f, 0.57f, 0.9f);
    c[ImGuiCol_TabActive] = accent;
    c[ImGuiCol_Separator] = c[ImGuiCol_Border];
    c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_TitleBg] = c[ImGuiCol_WindowBg];
    c[ImGuiCol_TitleBgActive] = c[ImGuiCol_WindowBg];
    c[ImGuiCol_TableRowBgAlt] = ImVec4(0.0f, 0.0f, 0.0f, 0.035f);
    c[ImGuiCol_TableHeaderBg] = ImVec4(0.86f, 0.87f, 0.90f, 1.0f);
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

void apply_theme(float scale, Theme theme) {
    g_theme = theme;
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();  // sizes unscaled again: a new scale replaces the old one
    if (theme == Theme::Light)
        ImGui::StyleColorsLight(&style);
    else
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
    if (theme == Theme::Light)
        apply_light_colours(style);
    else
        apply_colours(style);
    style.ScaleAllSizes(scale);

    // Loaded in FontRole order, so font() can find them by index.
    ImGui::GetIO().Fonts->Clear();
    load_font("DejaVuSans.ttf", kBodySize * scale);
    load_font("DejaVuSans.ttf", kSmallSize * scale);
    load_font("DejaVuSans-Bold.ttf", kHeadingSize * scale);
}

Theme current_theme() { return g_theme; }

const ScreenPalette& screen_palette() { return g_theme == Theme::Light ? kLightPalette : kDarkPalette; }

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
