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
