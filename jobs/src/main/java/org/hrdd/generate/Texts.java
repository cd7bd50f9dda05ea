package org.hrdd.generate;

import java.util.List;
import java.util.Map;

/**
 * Free-text case descriptions as a caseworker writes them, in the worker's language, with the
 * personal data a scrubber must remove (caller name, phone number, e-mail, passport number).
 */
final class Texts {
    private Texts() {}

    static final List<String> TEXT_LANGUAGES = List.of("th", "my", "km", "ne", "ms", "hi", "en");

    static final Map<String, String> EN = Map.ofEntries(
            Map.entry("recruitment_fees", "paid a recruitment fee to the agent"),
            Map.entry("deception", "the job and wage are not what was promised"),
            Map.entry("restriction_of_movement", "not allowed to leave the dormitory"),
            Map.entry("isolation", "phone taken away, cannot contact family"),
            Map.entry("physical_sexual_violence", "was beaten by a supervisor"),
            Map.entry("intimidation_threats", "threatened by the supervisor"),
            Map.entry("retention_of_identity_documents", "employer keeps the passport"),
            Map.entry("withholding_of_wages", "wages not paid for two months"),
            Map.entry("debt_bondage", "owes a debt to the broker and cannot quit"),
            Map.entry("abusive_working_living_conditions", "degrading conditions at work and in the camp"),
            Map.entry("excessive_overtime", "forced to work overtime every day"),
            Map.entry("child_labour", "children under 15 working on the line"),
            Map.entry("wages_benefits", "paid below the minimum wage"),
            Map.entry("working_hours", "no day off for weeks"),
            Map.entry("health_safety", "no safety equipment, a co-worker was injured"),
            Map.entry("discrimination_harassment", "harassed and insulted because of nationality"),
            Map.entry("freedom_of_association", "workers who joined the union were dismissed"),
            Map.entry("grievance_retaliation", "punished after complaining"),
            Map.entry("accommodation", "dormitory is overcrowded and dirty"),
            Map.entry("contracts_terms", "no contract in own language"));

    // Native phrases for the most frequent themes; other themes fall back to English.
    static final Map<String, Map<String, String>> NATIVE = Map.of(
            "th",
                    Map.of(
                            "recruitment_fees",
                            "ต้องจ่ายค่านายหน้า",
                            "retention_of_identity_documents",
                            "นายจ้างยึดหนังสือเดินทาง",
                            "withholding_of_wages",
                            "ไม่ได้รับค่าจ้าง",
                            "excessive_overtime",
                            "ต้องทำงานล่วงเวลามากเกินไป",
                            "deception",
                            "งานไม่ตรงกับที่ตกลงไว้",
                            "health_safety",
                            "สภาพการทำงานไม่ปลอดภัย",
                            "debt_bondage",
                            "มีหนี้กับนายหน้า",
                            "intimidation_threats",
                            "ถูกหัวหน้างานข่มขู่"),
            "my",
                    Map.of(
                            "recruitment_fees",
                            "အေးဂျင့်ခ ပေးရသည်",
                            "retention_of_identity_documents",
                            "ပတ်စပို့ကို အလုပ်ရှင်က သိမ်းထားသည်",
                            "withholding_of_wages",
                            "လစာ မရသေးပါ",
                            "excessive_overtime",
                            "အချိန်ပို အလွန်အကျွံ လုပ်ရသည်",
                            "deception",
                            "ကတိပေးထားသော အလုပ်နှင့် မတူပါ",
                            "health_safety",
                            "လုပ်ငန်းခွင် မလုံခြုံပါ",
                            "debt_bondage",
                            "အေးဂျင့်ထံ အကြွေးတင်နေသည်",
                            "intimidation_threats",
                            "ခြိမ်းခြောက်ခံရသည်"),
            "km",
                    Map.of(
                            "recruitment_fees",
                            "ត្រូវបង់ថ្លៃឈ្នួលភ្នាក់ងារ",
                            "retention_of_identity_documents",
                            "និយោជករក្សាលិខិតឆ្លងដែន",
                            "withholding_of_wages",
                            "មិនបានទទួលប្រាក់ឈ្នួល",
                            "excessive_overtime",
                            "ធ្វើការថែមម៉ោងច្រើនពេក",
                            "deception",
                            "ការងារមិនដូចការសន្យា",
                            "health_safety",
                            "កន្លែងធ្វើការគ្មានសុវត្ថិភាព",
                            "debt_bondage",
                            "ជំពាក់បំណុលភ្នាក់ងារ",
                            "intimidation_threats",
                            "ត្រូវបានគំរាមកំហែង"),
            "ne",
                    Map.of(
                            "recruitment_fees",
                            "म्यानपावरलाई शुल्क तिर्नुपर्‍यो",
                            "retention_of_identity_documents",
                            "कम्पनीले राहदानी राखेको छ",
                            "withholding_of_wages",
                            "तलब पाएको छैन",
                            "excessive_overtime",
                            "धेरै ओभरटाइम गर्नुपर्छ",
                            "deception",
                            "भनेको जस्तो काम होइन",
                            "health_safety",
                            "काम असुरक्षित छ",
                            "debt_bondage",
                            "एजेन्टको ऋण तिर्न बाँकी छ",
                            "intimidation_threats",
                            "सुपरभाइजरले धम्की दियो"),
            "ms",
                    Map.of(
                            "recruitment_fees",
                            "terpaksa bayar yuran ejen",
                            "retention_of_identity_documents",
                            "majikan simpan pasport",
                            "withholding_of_wages",
                            "gaji tidak dibayar",
                            "excessive_overtime",
                            "kerja lebih masa keterlaluan",
                            "deception",
                            "kerja tidak sama seperti dijanjikan",
                            "health_safety",
                            "tempat kerja tidak selamat",
                            "debt_bondage",
                            "berhutang dengan ejen",
                            "intimidation_threats",
                            "diugut oleh penyelia"),
            "hi",
                    Map.of(
                            "recruitment_fees",
                            "एजेंट को भर्ती शुल्क देना पड़ा",
                            "retention_of_identity_documents",
                            "कंपनी ने पासपोर्ट रख लिया",
                            "withholding_of_wages",
                            "वेतन नहीं मिला",
                            "excessive_overtime",
                            "बहुत ज़्यादा ओवरटाइम करना पड़ता है",
                            "deception",
                            "वादे के अनुसार काम नहीं मिला",
                            "health_safety",
                            "काम की जगह असुरक्षित है",
                            "debt_bondage",
                            "एजेंट का कर्ज़ चुकाना बाकी है",
                            "intimidation_threats",
                            "सुपरवाइज़र ने धमकी दी"));

    // {name} {issues} {workplace} {contact}; contact = phone / e-mail / passport sentence.
    static final Map<String, String[]> TEMPLATES = Map.of(
            "th",
                    new String[] {
                        "{name} โทรมาแจ้งว่า{issues} ที่ {workplace} {contact}",
                        "ลูกจ้างชื่อ {name} ร้องเรียนเรื่อง{issues} ({workplace}) {contact}"
                    },
            "my",
                    new String[] {
                        "{name} က {workplace} တွင် {issues} ဟု ဖုန်းဆက်ပြောသည်။ {contact}",
                        "အလုပ်သမား {name} ၏ တိုင်ကြားချက် - {issues}။ {workplace}။ {contact}"
                    },
            "km", new String[] {"{name} បានទូរស័ព្ទមកប្រាប់ថា {issues} នៅ {workplace}។ {contact}"},
            "ne", new String[] {"{name} ले फोन गरेर भन्नुभयो: {issues}। कम्पनी {workplace}। {contact}"},
            "ms",
                    new String[] {
                        "{name} menghubungi kami: {issues} di {workplace}. {contact}",
                        "Pekerja {name} mengadu {issues}. Majikan: {workplace}. {contact}"
                    },
            "hi", new String[] {"{name} ने कॉल किया: {issues}, {workplace} में। {contact}"},
            "en",
                    new String[] {
                        "{name} called: {issues} at {workplace}. {contact}",
                        "Worker {name} reports {issues}. Workplace {workplace}. {contact}",
                        "Message from {name} via caseworker - {issues}; site {workplace}. {contact}"
                    });

    static final Map<String, String[]> CONTACT = Map.of(
            "th",
                    new String[] {
                        "ติดต่อกลับ {phone}",
                        "เบอร์ {phone} อีเมล {email}",
                        "หนังสือเดินทางเลขที่ {passport} โทร {phone}"
                    },
            "my", new String[] {"ဖုန်း {phone}", "ပတ်စပို့ {passport} ဖုန်း {phone}", "အီးမေးလ် {email}"},
            "km", new String[] {"លេខទូរស័ព្ទ {phone}", "លិខិតឆ្លងដែន {passport} ទូរស័ព្ទ {phone}"},
            "ne", new String[] {"फोन {phone}", "राहदानी नं. {passport}, फोन {phone}", "इमेल {email}"},
            "ms", new String[] {"Tel {phone}", "Tel {phone}, emel {email}", "No. pasport {passport}"},
            "hi", new String[] {"फ़ोन {phone}", "पासपोर्ट {passport}, फ़ोन {phone}", "ईमेल {email}"},
            "en",
                    new String[] {
                        "Call back on {phone}.",
                        "Phone {phone}, email {email}.",
                        "Passport no. {passport}, phone {phone}."
                    });

    static String issue(String lang, String theme) {
        Map<String, String> m = NATIVE.get(lang);
        String s = m == null ? null : m.get(theme);
        return s != null ? s : EN.get(theme);
    }

    static String describe(
            Rng r,
            String lang,
            String name,
            List<String> themes,
            String workplace,
            String phone,
            String email,
            String passport) {
        StringBuilder issues = new StringBuilder();
        for (int i = 0; i < themes.size(); i++) {
            if (i > 0) issues.append(lang.equals("en") || lang.equals("ms") ? "; " : ", ");
            issues.append(issue(lang, themes.get(i)));
        }
        String contact = r.pick(CONTACT.get(lang))
                .replace("{phone}", phone)
                .replace("{email}", email)
                .replace("{passport}", passport);
        String text = r.pick(TEMPLATES.get(lang))
                .replace("{name}", name)
                .replace("{issues}", issues)
                .replace("{workplace}", workplace.isEmpty() ? "?" : workplace)
                .replace("{contact}", contact);
        if (r.chance(0.04)) text = text + "\nFollow-up: worker asked us not to contact the employer yet.";
        return text;
    }

    static final String[] RESOLUTIONS = {
        "Fees repaid by agency",
        "Passport returned to worker",
        "Back wages paid",
        "Referred to labour office",
        "Mediation with employer",
        "Worker moved to new employer",
        "Employer issued contract in worker's language",
        "Worker withdrew complaint",
        "No response from employer"
    };

    static String findingText(String theme, double p) {
        String sev = p > 0.3 ? "Many workers" : p > 0.1 ? "Several workers" : "One worker";
        return sev + " interviewed: " + EN.get(theme) + ".";
    }
}
