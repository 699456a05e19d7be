"""Interface strings of the chronology, the pace of ▶, map-only exports and comparisons with a day of 1945 (merged into :data:`kurilmap.strings.STRINGS`)."""

from __future__ import annotations

STORY_STRINGS: dict[str, dict[str, str]] = {
    "change_hint_days": {
        "en": "For a change, compare {a} with {b}.",
        "ja": "変化を見るには「{a}」と「{b}」を比べてください。",
        "ru": "Чтобы увидеть изменение, сравните {a} и {b}",
    },
    "export_compare_title_days": {
        "en": "Kuril Islands and Sakhalin: {a} and {b}",
        "ja": "千島列島と樺太・サハリン：{a}と{b}",
        "ru": "Курильские острова и Сахалин: {a} и {b}",
    },
    "compare_pair_days": {"en": "Compare {a} with {b}", "ja": "「{a}」と「{b}」を比べる", "ru": "Сравнить {a} и {b}"},
    "year_text": {"en": "{year}", "ja": "{year}年", "ru": "{year}\u202fг."},
    "compare_day_help": {
        "en": "A day of 1945 (from {first} to {last}) on either map: pick it on the map's day slider.",
        "ja": "1945年の日付（{first}〜{last}）はどちらの地図でも、地図の日付スライダーで選べます。",
        "ru": "День 1945 года (с {first} по {last}) на любой из карт: выберите его на ползунке дней карты.",
    },
    "map_only": {
        "en": "Map only (no title or legend)",
        "ja": "地図のみ（表題・凡例なし）",
        "ru": "Только карта (без заголовка и легенды)",
    },
    "map_only_help": {
        "en": "For a page with its own typography: PNG and SVG show the map and one credit line "
        "(CC BY 4.0; shorelines GSHHG, LGPL).",
        "ja": "独自の組版を使う紙面向け：PNGとSVGには地図とクレジット1行（CC BY 4.0、海岸線 GSHHG・LGPL）だけが入ります。",
        "ru": "Для издания со своей вёрсткой: в PNG и SVG только карта и одна строка с указанием авторства "
        "(CC BY 4.0; береговые линии GSHHG, LGPL).",
    },
    "chronology": {"en": "Chronology, 1855–2022", "ja": "年表（1855〜2022年）", "ru": "Хронология, 1855–2022"},
    "chronology_help": {
        "en": "Every event of the atlas in one list. Pick one to see the map of its date.",
        "ja": "地図帳のすべての出来事を一覧にしています。出来事を選ぶと、その日付の地図を表示します。",
        "ru": "Все события атласа одним списком. Выберите событие, чтобы увидеть карту на его дату.",
    },
    "chronology_kind": {"en": "Kind", "ja": "種類", "ru": "Тип"},
    "chronology_period": {"en": "Period", "ja": "時代", "ru": "Период"},
    "chronology_all": {"en": "All", "ja": "すべて", "ru": "Все"},
    "chronology_count": {
        "en": "{n} of {total} events",
        "ja": "{total}件中{n}件",
        "ru": "Событий: {n} из {total}",
    },
    "chronology_none": {
        "en": "No event of this kind in this period.",
        "ja": "この時代にこの種類の出来事はありません。",
        "ru": "В этом периоде нет событий этого типа.",
    },
    "chronology_show_year": {"en": "Map of {when}", "ja": "{when}年の地図", "ru": "Карта {when} года"},
    "chronology_show_day": {"en": "Map of {when}", "ja": "{when}の地図", "ru": "Карта на {when}"},
    "chronology_csv": {"en": "Chronology as CSV", "ja": "年表（CSV）", "ru": "Хронология (CSV)"},
    "chronology_json": {"en": "Chronology as JSON", "ja": "年表（JSON）", "ru": "Хронология (JSON)"},
    "kind_treaty": {"en": "Treaties and agreements", "ja": "条約・協定", "ru": "Договоры и соглашения"},
    "kind_act": {
        "en": "Laws, decrees and changes of government",
        "ja": "法令・措置・政体の変化",
        "ru": "Законы, указы и смена власти",
    },
    "kind_war": {"en": "War and occupation", "ja": "戦争・占領", "ru": "Война и оккупация"},
    "kind_talks": {"en": "Talks and summits", "ja": "交渉・首脳会談", "ru": "Переговоры и встречи"},
    "kind_position": {"en": "Stated positions", "ja": "立場の表明", "ru": "Заявленные позиции"},
    "kind_people": {"en": "The inhabitants", "ja": "住民", "ru": "Население"},
    "speed": {"en": "Speed of ▶", "ja": "▶の速さ", "ru": "Скорость ▶"},
    "speed_normal": {"en": "Normal", "ja": "標準", "ru": "Обычная"},
    "speed_seconds": {"en": "{n} s a step", "ja": "1コマ{n}秒", "ru": "{n} с на шаг"},
    "day_marks": {"en": "Days of the landings", "ja": "上陸作戦の日", "ru": "Дни высадок"},
    "skip_to_main": {
        "en": "Skip to main content",
        "ja": "メインコンテンツへ移動",
        "ru": "Перейти к основному содержанию",
    },
    "compare_which": {"en": "Map shown", "ja": "表示する地図", "ru": "Показанная карта"},
    "embed_code": {
        "en": "Embed this view in a page (copy the code)",
        "ja": "この表示をページに埋め込む（コードをコピー）",
        "ru": "Встроить этот вид в страницу (скопируйте код)",
    },
    "open_full_atlas": {"en": "Open the full atlas ↗", "ja": "地図帳全体を開く ↗", "ru": "Открыть весь атлас ↗"},
    "gif_pace": {
        "en": "Animated GIF: time a frame",
        "ja": "アニメーションGIF：1コマの時間",
        "ru": "Анимация GIF: время кадра",
    },
}
