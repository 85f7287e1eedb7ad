# نصوص مشتركة: وصل التاريخ بالوقت، وأسماء المصطلحات المرجعية.

# تاريخ ووقت منسقان مسبقًا وفق CLDR.
date-time = { $date }، { $time }
time-span-day = { $start } – { $end } { $zone }
time-span = { $start } – { $end } { $zone }
time-with-zone = { $time } ({ $zone })
utc = التوقيت العالمي المنسق
region-AFR = أفريقيا
region-AMS = الأمريكتان
region-ARB = الدول العربية
region-ASP = آسيا والمحيط الهادئ
region-CIS = كومنولث الدول المستقلة
region-EUR = أوروبا
kind-meeting = اجتماع
kind-workshop = ورشة عمل
kind-conference = مؤتمر
kind-session = جلسة
mode-in_person = حضوري
mode-virtual = افتراضي
mode-hybrid = هجين
status-proposed = مقترح
status-confirmed = مؤكد
status-cancelled = ملغى
severity-hard = جسيم
severity-soft = طفيف
clash-room_overlap = القاعة محجوزة مرتين
clash-group_overlap = الفريق الإقليمي يجتمع مرتين في الوقت نفسه
clash-participant_overlap = مشارك مدعو مرتين في الوقت نفسه
clash-region_overlap = حدثان للمنطقة في الوقت نفسه
clash-venue_closed = مكان الاجتماع مغلق
clash-remote_hours = خارج ساعات المشاركين عن بُعد
clash-detail-room_overlap = يشغل الحدثان القاعة نفسها في الوقت نفسه
clash-detail-group_overlap = للفريق { $group } حدثان في الوقت نفسه
clash-detail-participant_overlap = يُنتظر حضور المشارك { $participant } في الحدثين كليهما
clash-detail-calendar_busy = { $participant } مشغول في ذلك الوقت بحسب تقويمه الخاص
clash-detail-region_overlap = يتداخل حدثان لمنطقة { $region } في مكانين مختلفين ويتنافسان على المندوبين أنفسهم
clash-detail-venue_closed = { $date } يوم عطلة أسبوعية أو عطلة رسمية في مكان الاجتماع
clash-detail-remote_hours = سينضم المشارك عن بُعد { $participant } في { $span } ({ $zone })، خارج الساعات المقبولة من { $from } إلى { $to }، من الاثنين إلى الجمعة
clash-detail-remote_hours-unknown-zone = سينضم المشارك عن بُعد { $participant } خارج الساعات المقبولة من { $from } إلى { $to } بالتوقيت المحلي، من الاثنين إلى الجمعة
role-admin = مدير النظام
role-organiser = منظِّم
role-viewer = قارئ
term-regional-group = فريق إقليمي
term-study-group = لجنة دراسات
seats = { $count ->
    [zero] لا مقاعد
    [one] مقعد واحد
    [two] مقعدان
    [few] { $count } مقاعد
    [many] { $count } مقعدًا
   *[other] { $count } مقعد
}

## لماذا لم يُعثر على شيء أو لم يُجدول (عبارات أدوات التخطيط)

list-separator = {"؛ "}
why-no-window-range = لا توجد فترة: المدة المتاحة أقصر من مدة الاجتماع
why-no-window-participant = لا توجد فترة: { $participant } غير متاح في { $blocked }٪ من الفترات المرشحة (خارج الساعات المقبولة في { $outside }٪، ومشغول في { $busy }٪)؛ ويستبعد المشاركون الإلزاميون مجتمعين كل الفترات المرشحة
why-no-window = لم يُعثر على أي فترة
why-no-dates = لا توجد تواريخ مرشحة: لا تتسع أي سلسلة من أيام العمل في { $venue } ({ $zone }؛ العطل الرسمية من التقويم { $calendar }) في حدود { $gap } من أيام العمل حول الاجتماع المرجعي
why-no-room-that-large = لا توجد في { $venue } قاعة بسعة { $seats } (أكبر سعة: { $largest })
why-no-free-room = لا توجد في { $venue } قاعة شاغرة بسعة { $seats } في أي تاريخ من التواريخ المرشحة، وعددها { $dates }
why-season-no-room = لا يوجد في أي يوم عمل في أماكنه من { $from } إلى { $to } قاعة بسعة { $seats } (أكبر سعة: { $largest })
why-season-no-run = لا توجد في أماكنه أيام عمل متتالية عددها { $days } من { $from } إلى { $to }
why-season-taken = كل يوم عمل في أماكنه من { $from } إلى { $to } فيه قاعة بسعة { $seats } تشغله أحداث قائمة: { $causes }
why-season-costs-more = { $free } من مواضعه المرشحة وعددها { $positions } شاغرة، لكن جدولته ستكلف أكثر من { $weight } وهي كلفة استبعاده
why-season-blocked = يتعارض كل موضع من مواضعه المرشحة وعددها { $positions } مع حدث مُجدول (القاعة أو الفريق أو مشارك إلزامي أو حاضر شخصيًا هناك): { $events }
why-cause-group = الفريق { $group } يجتمع في «{ $event }»
why-cause-required = المشارك الإلزامي { $participant } مطلوب في «{ $event }»
why-cause-in-person = المشارك { $participant } يحضر شخصيًا «{ $event }» في مكان آخر
why-cause-rooms-booked = كل قاعات { $venue } بسعة { $seats } محجوزة
why-cause-count = { $cause } ({ $count } من { $total })
why-placed-count = «{ $event }» ({ $count })

## ما الخطأ في حقل (التحقق)

invalid-date = «{ $value }» ليس تاريخًا مثل 2027-04-04 (YYYY-MM-DD)
invalid-date-bounds = { $value } خارج التواريخ التي يقبلها tandem، من { $first } إلى { $last }
invalid-minutes-positive = يجب أن يكون عددًا موجبًا من الدقائق
invalid-minutes-max = يجب ألا يتجاوز عدد الدقائق { $max }
invalid-range-empty = الفترة فارغة: يجب أن تأتي النهاية بعد البداية
invalid-range-shorter = الفترة أقصر من مدة الاجتماع
invalid-too-many-candidates = في الطلب { $count } من الفترات المرشحة، وهو أكثر من الحد المسموح به وهو { $max }: قصّر الفترة أو أطل الخطوة
invalid-participants-none = يلزم مشارك واحد على الأقل
invalid-participants-max = يجب ألا يتجاوز عدد المشاركين { $max }
invalid-zone-missing = المنطقة الزمنية إلزامية
invalid-zone = منطقة زمنية غير معروفة «{ $value }»: يُنتظر اسم IANA مثل Africa/Douala
invalid-time-of-day = وقت غير صالح «{ $value }»: يُنتظر HH:MM بين 00:00 و24:00
invalid-instant = «{ $value }» ليس لحظة زمنية بصيغة RFC 3339 مثل 2027-03-01T00:00:00Z
invalid-text-empty = يجب ألا يكون فارغًا
invalid-text-too-long = يجب ألا يتجاوز عدد الأحرف { $max }
invalid-dst-gap = { $value } غير موجود في { $zone }: تتخطاه الساعات عند تغيير التوقيت الصيفي
invalid-end-before-start = يجب أن تأتي النهاية بعد البداية
invalid-event-too-long = لا تتجاوز مدة الحدث { $max } يومًا؛ استخدم «rrule» للسلسلة

## ما الخطأ في طلب موسم (التحقق)

season-invalid-date = «{ $value }» ليس تاريخًا مثل 2027-03-08 (YYYY-MM-DD)
season-invalid-date-bounds = { $value } خارج التواريخ المقبولة، من 1990-01-01 إلى 2099-12-31
season-invalid-weight = { $value } ليس وزنًا: الأوزان أعداد غير سالبة لا تتجاوز 1e9
season-invalid-range-empty = الفترة فارغة: { $last } يسبق { $first }
season-invalid-range-long = لا يتجاوز عدد أيام الفترة { $max }
season-invalid-gap = يجب أن يكون عددًا صحيحًا من أيام العمل من 0 إلى { $max }
season-invalid-time-limit = { $value } غير مسموح به: الحد أكبر من 0 ولا يتجاوز { $max } ثانية
season-unknown-event = حدث غير معروف «{ $id }»
season-fixed-cancelled = الحدث «{ $id }» ملغى: يجب أن يبقى الحدث الثابت قائمًا
season-event-twice = الحدث «{ $id }» مذكور مرتين
season-fixed-venue = الحدث «{ $id }» في المكان «{ $venue }»، وهو ليس من بين الأماكن
season-fixed-room = الحدث «{ $id }» في القاعة «{ $room }»، وهي ليست في مكانه
season-too-many-events = لا يتجاوز عدد الأحداث في الطلب { $max }
season-id-twice = المعرّف «{ $id }» يستخدمه حدثان
season-id-existing = المعرّف «{ $id }» معرّف حدث قائم بالفعل
season-unknown-group = فريق غير معروف «{ $group }»
season-invalid-days = يجب أن يكون عددًا صحيحًا من الأيام من 1 إلى { $max }
season-invalid-daily-end = يجب أن يأتي بعد البداية ({ $start })؛ تنتهي الجلسات في يوم بدئها
season-no-venue = يلزم مكان واحد على الأقل
season-unknown-venue = مكان غير معروف «{ $venue }»
season-venue-twice = المكان «{ $venue }» مذكور مرتين
season-latest-before-earliest = { $latest } يسبق أبكر تاريخ ({ $earliest })
season-too-many-participants = لا يتجاوز عدد المشاركين في الحدث { $max }
season-participant-twice = المشارك «{ $participant }» مذكور مرتين
season-virtual-in-person = لا يكون للحدث الافتراضي مشاركون حضوريون
season-invalid-seats = يجب أن يكون عددًا صحيحًا من المقاعد من 0 إلى { $max }
season-alongside-itself = لا يمكن عقد الحدث «{ $event }» بجوار نفسه
season-alongside-not-fixed = الحدث «{ $event }» غير مذكور في «fixed»: الأحداث الثابتة وحدها يمكن أن تكون مرجعًا
season-alongside-cancelled = الحدث «{ $event }» ملغى
season-alongside-unknown = «{ $name }» ليس فريقًا ولا حدثًا ثابتًا ولا حدثًا من هذا الطلب
season-alongside-twice = «{ $name }» مذكور مرتين
