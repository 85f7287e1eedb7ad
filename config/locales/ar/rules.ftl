# Field errors of the core: recurrence rules, venues and rooms, events, regions, weekdays,
# e-mail addresses, local date-times and the window search request (DESIGN §16).

## ما الخطأ في قاعدة تكرار (RFC 5545 §3.3.10)

rule-number-out-of-range = { $key }={ $value }: «{ $item }» خارج النطاق؛ يسمح RFC 5545 بالقيم من { $low } إلى { $high }
rule-signed-number-out-of-range = { $key }={ $value }: «{ $item }» خارج النطاق؛ يسمح RFC 5545 بالقيم من { $low } إلى { $high } أو من -{ $high } إلى -{ $low }
rule-byday-not-weekday = BYDAY={ $value }: «{ $item }» ليس يومًا من أيام الأسبوع (MO وTU وWE وTH وFR وSA وSU، وقد يسبقه عدد ترتيبي مثل 1MO أو -1FR)
rule-byday-ordinal-range = BYDAY={ $value }: العدد الترتيبي في «{ $item }» خارج النطاق؛ يسمح RFC 5545 بالقيم من 1 إلى 53 أو من -53 إلى -1
rule-byday-ordinal-freq = BYDAY={ $value }: لا يُسمح بيوم مسبوق بعدد ترتيبي («{ $item }») إلا مع FREQ=MONTHLY، أو مع FREQ=YEARLY دون BYWEEKNO (RFC 5545 §3.3.10)
rule-part-twice = { $key } مذكور مرتين؛ لا يجوز أن يرد كل جزء من القاعدة إلا مرة واحدة
rule-part-empty = { $key } بلا قيمة
rule-freq-unsupported = FREQ={ $value } غير مدعوم: استخدم DAILY أو WEEKLY أو MONTHLY أو YEARLY
rule-freq-missing = لا تحتوي القاعدة على FREQ
rule-part-not-with-freq = لا يجوز استخدام { $key } مع FREQ={ $freq } (RFC 5545 §3.3.10)
rule-count-invalid = COUNT={ $value }: يجب أن يكون عدد المرات عددًا صحيحًا لا يقل عن 1
rule-count-too-many = COUNT={ $value }: تعطي القاعدة أكثر من { $max ->
    [one] تكرار واحد
    [two] تكرارين
    [few] { $max } تكرارات
    [many] { $max } تكرارًا
   *[other] { $max } تكرار
}؛ قسّم السلسلة
rule-interval-invalid = INTERVAL={ $value }: يجب أن تكون الفاصلة عددًا صحيحًا لا يقل عن 1 (RFC 5545 §3.3.10)
rule-wkst-invalid = WKST={ $value } ليس يومًا من أيام الأسبوع (MO وTU وWE وTH وFR وSA وSU)
rule-part-unknown = «{ $key }» ليس جزءًا من أجزاء القاعدة في RFC 5545
rule-bysetpos-alone = يحتاج BYSETPOS إلى جزء BYxxx آخر يختار منه (RFC 5545 §3.3.10)
rule-count-and-until = لا يجوز ذكر COUNT وUNTIL معًا (RFC 5545 §3.3.10): احتفظ بأحدهما
rule-unbounded = يجب أن تكون للقاعدة نهاية: أضف COUNT أو UNTIL (يخزّن tandem كل تكرار)
rule-empty = قاعدة فارغة: اترك «rrule» بقيمة null للحدث المنفرد
rule-part-malformed = «{ $part }» ليس جزءًا بصيغة KEY=VALUE من RRULE
rule-too-many-occurrences = تعطي القاعدة أكثر من { $max ->
    [one] تكرار واحد
    [two] تكرارين
    [few] { $max } تكرارات
    [many] { $max } تكرارًا
   *[other] { $max } تكرار
}؛ قسّم السلسلة
rule-unreadable = تعذّرت قراءة القاعدة { $rule }
rule-unexpandable = تعذّر حساب تكرارات القاعدة { $rule }
# السبب هو رسالة مكتبة التكرار نفسها، بالإنكليزية.
rule-invalid = قاعدة غير صالحة: { $reason }
rule-until-invalid = UNTIL={ $value } ليس تاريخًا (YYYYMMDD) ولا تاريخًا ووقتًا بالتوقيت العالمي المنسق (YYYYMMDDTHHMMSSZ)
rule-until-before-start = UNTIL ({ $until }) يسبق البداية ({ $start }): لن يكون للسلسلة أي تكرار
rule-until-out-of-bounds = UNTIL: { $reason }
rule-start-not-occurrence = { $start } ({ $day }) ليس تكرارًا للقاعدة { $rule }: ابدأ السلسلة بأول تكرار لها ({ $first })
rule-start-not-occurrence-none = { $start } ({ $day }) ليس تكرارًا للقاعدة { $rule }: ابدأ السلسلة بأول تكرار لها

## ما الخطأ في مكان أو قاعة

venue-country-invalid = بلد غير صالح «{ $value }»: يُنتظر رمز ISO 3166-1 alpha-2 مثل CM
venue-room-capacity = يجب أن يكون بين 1 و{ $max }
venue-latitude = يجب أن يكون خط العرض بين -90 و90
venue-longitude = يجب أن يكون خط الطول بين -180 و180
venue-no-working-day = يلزم أن يكون للمكان يوم عمل واحد على الأقل
venue-too-many-rooms = لا يتجاوز عدد القاعات { $max }
venue-room-twice = القاعة «{ $room }» مذكورة مرتين

## ما الخطأ في حدث

event-room-without-venue = تحتاج القاعة إلى venue_id الخاص بمكانها
# $expected يسرد القيم المقبولة كما تكتبها واجهة API.
event-unknown-value = قيمة غير معروفة «{ $value }»: يُنتظر أحد ما يلي: { $expected }
event-text-control = يجب ألا يحتوي على أحرف تحكم
event-participant-id-invalid = معرّف مشارك غير صالح «{ $value }»: استخدم من 1 إلى 100 حرف من A-Z a-z 0-9 . _ @ -
event-series-too-late = ينتهي آخر تكرار في السلسلة (يبدأ في { $start }) بعد آخر تاريخ يقبله tandem: { $reason }

## المناطق وأيام الأسبوع وعناوين البريد الإلكتروني والتواريخ والأوقات المحلية

region-unknown = منطقة غير معروفة «{ $value }»: يُنتظر أحد ما يلي: AFR وAMS وARB وASP وCIS وEUR
weekday-unknown = يوم غير معروف «{ $value }»: يُنتظر أحد ما يلي: mon وtue وwed وthu وfri وsat وsun
weekday-twice = اليوم «{ $value }» مذكور مرتين
email-empty = عنوان بريد إلكتروني غير صالح: العنوان فارغ
email-too-long = عنوان بريد إلكتروني غير صالح: يتجاوز 254 ثُمانية
email-no-at = عنوان بريد إلكتروني غير صالح: لا يحتوي على «@»
email-local-part = عنوان بريد إلكتروني غير صالح: يجوز أن يحتوي الجزء الذي قبل «@» على حروف وأرقام ونقاط (لا في أوله ولا في آخره ولا نقطتين متتاليتين) وعلى !#$%&'*+/=?^_`{"{"}|{"}"}~-
email-domain = عنوان بريد إلكتروني غير صالح: يجب أن يكون الجزء الذي بعد «@» اسم نطاق مثل example.org
localtime-format = تاريخ ووقت محليان غير صالحين «{ $value }»: يُنتظر YYYY-MM-DDTHH:MM
localtime-calendar-date = تاريخ ووقت محليان غير صالحين «{ $value }»: يُنتظر YYYY-MM-DDTHH:MM بتاريخ موجود فعلًا في التقويم
localtime-offset = تاريخ ووقت محليان غير صالحين «{ $value }»: لا يحمل الوقت المحلي فارقًا عن التوقيت العالمي؛ اذكر المنطقة الزمنية في الحقل «tz»
localtime-seconds = تاريخ ووقت محليان غير صالحين «{ $value }»: يجب أن تكون الثواني :00
localtime-time-of-day = تاريخ ووقت محليان غير صالحين «{ $value }»: يُنتظر وقت بين 00:00 و24:00

## ما الخطأ في طلب البحث عن فترة

search-hours-end-before-start = يجب أن يأتي بعد البداية ({ $start })؛ استخدم 24:00 لمنتصف الليل
search-limit = يجب أن يكون بين 1 و{ $max }
search-invalid-request = طلب غير صالح
search-participant-twice = المشارك «{ $participant }» مذكور مرتين
search-venue-tz-required = إلزامي: المشارك «{ $participant }» يحضر شخصيًا، وتُقدَّر أوقاته بالمنطقة الزمنية لمكان الاجتماع
search-weight-invalid = يجب أن يكون عددًا منتهيًا أكبر من 0 أو مساويًا له
search-busy-end-before-start = يجب ألا يسبق البداية

## ما الخطأ في نافذة طلب موسم

season-days-beyond-window = { $days } من الأيام أطول من نافذته { $window }
season-days-outside-range = لا تتسع { $days } من الأيام لتقاطع نافذته { $window } مع الفترة { $range }
