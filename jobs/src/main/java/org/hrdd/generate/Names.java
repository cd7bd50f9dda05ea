package org.hrdd.generate;

import java.util.Locale;
import java.util.Map;

/** Word lists for facility, company, agency and person names, places and contact details. */
final class Names {
    private Names() {}

    static final String[] GENERIC = {
        "Golden",
        "Royal",
        "Star",
        "Pacific",
        "Asia",
        "Ocean",
        "Global",
        "United",
        "Prime",
        "Evergreen",
        "Sunrise",
        "Lucky",
        "Dragon",
        "Lotus",
        "Phoenix",
        "Crown",
        "Eagle",
        "Diamond",
        "Silver",
        "Jade",
        "Harbour",
        "Summit",
        "Orchid",
        "Tiger",
        "Horizon",
        "Pioneer",
        "Victory",
        "Bright",
        "Grand",
        "Unity"
    };

    static final Map<String, String[]> LOCAL = Map.ofEntries(
            Map.entry("TH", new String[] {
                "Siam", "Chao Phraya", "Sukhothai", "Lanna", "Andaman", "Rattana", "Somboon", "Charoen"
            }),
            Map.entry("MY", new String[] {"Perdana", "Sinar", "Mega", "Harta", "Bintang", "Cahaya", "Seri", "Maju"}),
            Map.entry("MM", new String[] {"Shwe", "Myint", "Ayeyar", "Yadanar", "Mingalar", "Aung"}),
            Map.entry("KH", new String[] {"Angkor", "Mekong", "Phnom", "Sokha", "Bayon", "Tonle"}),
            Map.entry(
                    "VN", new String[] {"Hoang Long", "Minh Phat", "An Phu", "Thanh Cong", "Phuong Dong", "Hai Duong"}),
            Map.entry("IN", new String[] {"Shree", "Laxmi", "Ganesh", "Sai", "Om", "Bharat", "Surya", "Jai"}),
            Map.entry("BD", new String[] {"Padma", "Meghna", "Jamuna", "Rupsha", "Karnaphuli", "Sonar"}),
            Map.entry("ID", new String[] {"Nusantara", "Jaya", "Sejahtera", "Makmur", "Sentosa", "Abadi"}),
            Map.entry("CN", new String[] {"Huada", "Jinlong", "Hengtai", "Dongfang", "Xinyuan", "Tianli", "Hongxing"}),
            Map.entry("TR", new String[] {"Anadolu", "Ege", "Marmara", "Kartal", "Toros", "Yildiz"}),
            Map.entry("MX", new String[] {"Del Norte", "Azteca", "Sierra", "Bajio", "Del Valle", "Pacifico"}));

    static final Map<String, String[]> SECTOR_WORDS = Map.of(
            "electronics",
                    new String[] {"Electronics", "Precision", "Circuit", "Technology", "Components", "Microtech"},
            "apparel", new String[] {"Garment", "Apparel", "Textile", "Knitwear", "Fashion", "Denim"},
            "seafood_processing",
                    new String[] {"Seafood", "Frozen Foods", "Fishery", "Marine Products", "Canning", "Aquatic Foods"},
            "palm_oil", new String[] {"Palm Oil", "Plantation", "Agro Industries", "Oil Mill", "Estate"},
            "rubber_gloves", new String[] {"Glove", "Latex", "Rubber Products", "Medical Gloves"},
            "agriculture", new String[] {"Agro", "Farms", "Produce", "Agriculture", "Harvest"},
            "construction_materials",
                    new String[] {"Ceramics", "Bricks", "Cement Products", "Building Materials", "Tiles"});

    /** Registered legal suffix and its loose variants, per country. */
    static final Map<String, String[]> SUFFIX = Map.ofEntries(
            Map.entry("TH", new String[] {"Co., Ltd.", "Co Ltd", "Company Limited", "CO.,LTD"}),
            Map.entry("MY", new String[] {"Sdn. Bhd.", "Sdn Bhd", "SDN BHD", "S/B"}),
            Map.entry("MM", new String[] {"Co., Ltd.", "Company Limited", "Co Ltd"}),
            Map.entry("KH", new String[] {"Co., Ltd.", "Co Ltd", "Company Limited"}),
            Map.entry("VN", new String[] {"JSC", "Joint Stock Company", "J.S.C."}),
            Map.entry("IN", new String[] {"Pvt. Ltd.", "Pvt Ltd", "Private Limited", "P Ltd"}),
            Map.entry("BD", new String[] {"Ltd.", "Limited", "Ltd"}),
            Map.entry("ID", new String[] {"PT", "P.T.", "PT."}),
            Map.entry("CN", new String[] {"Co., Ltd.", "Co Ltd", "Company Limited"}),
            Map.entry("TR", new String[] {"A.Ş.", "AS", "A.S."}),
            Map.entry("MX", new String[] {"S.A. de C.V.", "SA de CV", "S.A. DE C.V."}));

    static boolean suffixIsPrefix(String country) {
        return country.equals("ID");
    }

    static final Map<String, String[]> CITIES = Map.ofEntries(
            Map.entry(
                    "TH",
                    new String[] {"Samut Sakhon", "Bangkok", "Chonburi", "Rayong", "Songkhla", "Ayutthaya", "Tak"}),
            Map.entry("MY", new String[] {"Klang", "Penang", "Johor Bahru", "Kulim", "Sandakan", "Ipoh", "Shah Alam"}),
            Map.entry("MM", new String[] {"Yangon", "Hlaing Tharyar", "Bago", "Mandalay"}),
            Map.entry("KH", new String[] {"Phnom Penh", "Kandal", "Kampong Speu", "Sihanoukville"}),
            Map.entry("VN", new String[] {"Binh Duong", "Dong Nai", "Bac Ninh", "Hai Phong", "Long An"}),
            Map.entry("IN", new String[] {"Tiruppur", "Bengaluru", "Noida", "Chennai", "Ludhiana", "Surat"}),
            Map.entry("BD", new String[] {"Gazipur", "Ashulia", "Narayanganj", "Chattogram", "Savar"}),
            Map.entry("ID", new String[] {"Medan", "Pekanbaru", "Bitung", "Tangerang", "Semarang"}),
            Map.entry("CN", new String[] {"Shenzhen", "Dongguan", "Suzhou", "Ningbo", "Xiamen", "Chengdu"}),
            Map.entry("TR", new String[] {"Istanbul", "Bursa", "Izmir", "Denizli", "Gaziantep"}),
            Map.entry("MX", new String[] {"Monterrey", "Ciudad Juarez", "Tijuana", "Guadalajara", "Culiacan"}));

    static final String[] STREETS = {
        "Industrial Estate Road",
        "Export Zone Avenue",
        "Moo 4 Sethakit Road",
        "Jalan Perindustrian",
        "Main Road",
        "Highway 35",
        "Free Trade Zone Street",
        "Riverside Road",
        "Factory Lane",
        "Harbour Road"
    };

    /** Words used only for facilities that do not exist (unresolvable names). */
    static final String[] GHOST = {
        "Kingfisher",
        "Blue Heron",
        "Mountain View",
        "Sapphire Coast",
        "Red Lantern",
        "Green Valley",
        "Iron Bridge",
        "Seven Seas",
        "Copper Hill",
        "White Elephant"
    };

    static final String[] GHOST_TAIL = {"Trading", "Enterprise", "Industries Group", "Workshop", "Sub-contractor"};

    static final String[] AGENCY_WORDS = {
        "Manpower",
        "Overseas Employment",
        "Recruitment Services",
        "Human Resources",
        "Workforce",
        "Labour Supply",
        "Placement Agency"
    };

    // Person names by nationality: {given names female, given names male, family names (may be empty)}
    static final Map<String, String[][]> PEOPLE = Map.ofEntries(
            Map.entry("TH", new String[][] {
                {"Somsri", "Malee", "Nittaya", "Siriporn", "Kanya", "Ratana"},
                {"Somchai", "Somsak", "Anan", "Prasert", "Wichai", "Boonmee"},
                {"Saetang", "Srisuk", "Thongdee", "Chaiyaphum", "Wongsa", "Intharat"}
            }),
            Map.entry("MM", new String[][] {
                {"Mya Mya", "Thandar", "Khin Khin", "Su Su", "Ei Mon", "Nilar"},
                {"Aung Kyaw", "Zaw Min", "Min Thu", "Ko Ko", "Thein Naing", "Kyaw Zin"},
                {}
            }),
            Map.entry("KH", new String[][] {
                {"Sreymom", "Sophea", "Chanthy", "Dara", "Bopha", "Sokha"},
                {"Sokun", "Vannak", "Rithy", "Sambath", "Piseth", "Vuthy"},
                {"Chea", "Sok", "Heng", "Kim", "Pich", "Mao"}
            }),
            Map.entry("LA", new String[][] {
                {"Noy", "Keo", "Phonsavanh"}, {"Somphone", "Khamla", "Bounmy"}, {"Vongsa", "Phommachanh", "Sisavath"}
            }),
            Map.entry("NP", new String[][] {
                {"Sita", "Gita", "Sabina", "Anita", "Pooja"},
                {"Ram", "Bishnu", "Hari", "Suman", "Dipak", "Krishna"},
                {"Tamang", "Gurung", "Rai", "Magar", "Shrestha", "Thapa"}
            }),
            Map.entry("MY", new String[][] {
                {"Nur Aisyah", "Siti", "Farah", "Mei Ling", "Kavitha"},
                {"Ahmad", "Mohd Faizal", "Hafiz", "Wei Jie", "Rajesh"},
                {"bin Ismail", "binti Hassan", "Tan", "Lim", "a/l Muniandy"}
            }),
            Map.entry("ID", new String[][] {
                {"Sri", "Dewi", "Wati", "Rina", "Ayu"},
                {"Budi", "Agus", "Joko", "Eko", "Rudi"},
                {"Santoso", "Wijaya", "Saputra", "Hidayat", ""}
            }),
            Map.entry("BD", new String[][] {
                {"Nasrin", "Shirin", "Rehana", "Fatema"},
                {"Rahim", "Karim", "Jamal", "Shafiq", "Mizanur"},
                {"Hossain", "Islam", "Rahman", "Uddin", "Akter"}
            }),
            Map.entry("IN", new String[][] {
                {"Lakshmi", "Priya", "Sunita", "Meena", "Kavita"},
                {"Ramesh", "Suresh", "Manoj", "Arjun", "Vijay"},
                {"Kumar", "Singh", "Yadav", "Devi", "Patel"}
            }),
            Map.entry("VN", new String[][] {
                {"Lan", "Hoa", "Thu", "Mai", "Huong"},
                {"Minh", "Tuan", "Hung", "Duc", "Nam"},
                {"Nguyen", "Tran", "Le", "Pham", "Hoang"}
            }),
            Map.entry("CN", new String[][] {
                {"Li Na", "Wang Fang", "Zhang Min", "Liu Yan"}, {"Wang Wei", "Li Qiang", "Zhang Lei", "Chen Jie"}, {}
            }),
            Map.entry("TR", new String[][] {
                {"Ayse", "Fatma", "Elif", "Zeynep"},
                {"Mehmet", "Mustafa", "Ahmet", "Emre"},
                {"Yilmaz", "Kaya", "Demir", "Celik"}
            }),
            Map.entry("SY", new String[][] {
                {"Fatima", "Rania", "Huda"}, {"Ahmad", "Khaled", "Omar", "Yusuf"}, {"Al-Hassan", "Haddad", "Khalil"}
            }),
            Map.entry("MX", new String[][] {
                {"Maria", "Guadalupe", "Rosa", "Ana"},
                {"Jose", "Juan", "Luis", "Carlos"},
                {"Hernandez", "Garcia", "Lopez", "Martinez"}
            }),
            Map.entry("GT", new String[][] {
                {"Maria", "Ana", "Lucia"}, {"Pedro", "Mario", "Jose"}, {"Xol", "Coc", "Perez", "Tzul"}
            }));

    static String personName(Rng r, String nationality, boolean female) {
        String[][] p = PEOPLE.getOrDefault(nationality, PEOPLE.get("TH"));
        String given = r.pick(female ? p[0] : p[1]);
        if (p[2].length == 0) return given;
        String fam = r.pick(p[2]);
        return fam.isEmpty() ? given : given + " " + fam;
    }

    /** Phone number in the formats caseworkers see: local mobile, +country, spaced or not. */
    static String phone(Rng r, String country) {
        String d8 = Ids.digits(r.nextLong(), 8), d7 = d8.substring(1);
        return switch (country) {
            case "TH" -> r.chance(0.5)
                    ? "08" + d8.charAt(0) + "-" + d7.substring(0, 3) + "-" + d7.substring(3)
                    : "+66 8" + d8.charAt(0) + " " + d7.substring(0, 3) + " " + d7.substring(3);
            case "MY" -> r.chance(0.5)
                    ? "01" + d8.charAt(0) + "-" + d7.substring(0, 3) + " " + d7.substring(3)
                    : "+601" + d8.charAt(0) + d7;
            case "MM" -> r.chance(0.5)
                    ? "09" + d8 + d8.charAt(1)
                    : "+95 9 " + d8.substring(0, 3) + " " + d8.substring(3, 6) + " " + d8.substring(6);
            case "IN" -> "+91 9" + d8.substring(0, 4) + " " + d8.substring(4) + d8.charAt(0);
            case "NP" -> "+977 98" + d8;
            case "BD" -> "+880 17" + d8.substring(0, 2) + "-" + d8.substring(2);
            case "KH" -> "+855 1" + d8.substring(0, 1) + " " + d8.substring(1, 4) + " " + d8.substring(4);
            case "ID" -> "+62 812-" + d8.substring(0, 4) + "-" + d8.substring(4);
            case "VN" -> "+84 9" + d8.substring(0, 2) + " " + d8.substring(2, 5) + " " + d8.substring(5);
            case "CN" -> "+86 13" + d8.charAt(0) + " " + d8.substring(1, 5) + " " + d8.substring(5) + d8.charAt(2);
            case "MX" -> "+52 81 " + d8.substring(0, 4) + " " + d8.substring(4);
            case "TR" -> "+90 5" + d8.substring(0, 2) + " " + d8.substring(2, 5) + " " + d8.substring(5);
            default -> "+00 " + d8;
        };
    }

    static String email(Rng r, String name) {
        String base = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", ".").replaceAll("^\\.|\\.$", "");
        if (base.isEmpty()) base = "worker";
        return base + Ids.digits(r.nextLong(), 2) + "@"
                + r.pick(new String[] {"gmail.com", "yahoo.com", "hotmail.com", "outlook.com"});
    }

    static String passport(Rng r, String nationality) {
        String d = Ids.digits(r.nextLong(), 8);
        return switch (nationality) {
            case "MM" -> "M" + (char) ('A' + r.nextInt(4)) + d.substring(0, 6);
            case "TH" -> "A" + (char) ('A' + r.nextInt(26)) + d.substring(0, 7);
            case "KH" -> "N" + d.substring(0, 7);
            case "NP" -> d.substring(0, 8);
            case "IN" -> (char) ('J' + r.nextInt(10)) + d.substring(0, 7);
            case "BD" -> "A" + d.substring(0, 8);
            default -> (char) ('A' + r.nextInt(26)) + d.substring(0, 7);
        };
    }
}
