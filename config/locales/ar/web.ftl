# صفحات tandem على الويب.

## كل الصفحات

page-title = { $title } · tandem
skip-to-content = انتقل إلى المحتوى
nav-main = القائمة الرئيسية
nav-events = الاجتماعات
nav-planner = أداة التخطيط
nav-colocation = الأحداث الموازية
nav-season = المواسم
nav-clashes = التعارضات
nav-api = واجهة البرمجة
language-switcher = اللغة
language-self = العربية

## الأخطاء

not-found-title = غير موجود
not-found-text = لا توجد صفحة أو اجتماع بهذا العنوان.
not-found-back = كل الاجتماعات
busy-title = الخدمة مشغولة
busy-heading = tandem مشغول
busy-text = قاعدة البيانات مشغولة أو يتعذر الوصول إليها؛ يُرجى المحاولة مرة أخرى بعد قليل.
error-title = خطأ
error-heading = حدث خطأ ما
error-text = سُجّل الخطأ؛ يُرجى المحاولة مرة أخرى.
refused-title = لم يُنفَّذ
refused-heading = لم يُنفَّذ هذا الإجراء
refused-changed-meanwhile = تغيّر الاجتماع في هذه الأثناء: أعد تحميل الصفحة وحاول مرة أخرى
form-expired-title = انتهت صلاحية الاستمارة
form-expired-heading = انتهت صلاحية هذه الاستمارة
form-expired-text = أعد تحميل الصفحة وأرسل الاستمارة مرة أخرى.

## الأوقات

## الاشتراك

subscribe = اشترك
subscribe-label = اشترك في { $feed } في تطبيق التقويم لديك
subscribe-https = موجز https
subscribe-https-label = موجز https الخاص بـ { $feed }
feed-all = كل الاجتماعات
feed-region = المنطقة { $code }
feed-group = الفريق { $code }
feed-event = هذا الاجتماع
feed-the-region = المنطقة
feed-the-group = الفريق

## المصطلحات المرجعية


## الصفحة الرئيسية

home-title = الاجتماعات القادمة
home-intro = تُعرض الأوقات بتوقيت مكان انعقاد كل اجتماع. اشترك في منطقة أو فريق لترى كل تغيير في تطبيق التقويم الخاص بك.
home-plan-link = خطّط لمكالمة عبر المناطق الزمنية
home-empty = لا توجد اجتماعات قادمة.
home-region = { $name } ({ $code })
home-other-events = أحداث أخرى للمنطقة
home-all-events = كل الاجتماعات:

## صفحة الاجتماع

event-when = الموعد
event-venue-zone = ({ $zone }، المنطقة الزمنية لمكان الانعقاد)
event-repeats = يتكرر: { $rule }
event-room = { $room } ({ $seats })
event-remote = المشاركة عن بُعد:
event-cities = في المدن الرئيسية لمنطقة { $region }
event-city = المدينة
event-local-time = التوقيت المحلي
event-alongside = يُعقد بالتوازي
event-no-alongside = لا يوجد حدث موازٍ.
event-clashes = التعارضات
event-no-clash = لا يوجد تعارض.
event-other = الحدث الآخر
event-subscribe = الاشتراك
event-this-event = هذا الاجتماع:
event-download = تنزيل ملف ‎.ics

## أداة التخطيط

planner-title = أداة التخطيط
planner-heading = خطّط لمكالمة عبر المناطق الزمنية
planner-places = الأماكن، مكان في كل سطر: مدينة (جنيف، ياوندي، بانكوك…) أو منطقة زمنية (Asia/Kathmandu)، ويجوز أن تليها معرّفات تقاويم مستوردة
planner-from = من (تاريخ بالتوقيت العالمي)
planner-to = إلى (تاريخ بالتوقيت العالمي، شاملًا)
planner-duration = المدة (بالدقائق)
planner-submit = ابحث عن فترات
planner-correction = تحتاج الاستمارة إلى تصحيح:
planner-best = أفضل الفترات
planner-no-window = لا توجد فترة مناسبة.
planner-legend-working = ساعات العمل
planner-legend-acceptable = ساعات مقبولة
planner-legend-night = ليل / خارج الدوام
planner-legend-windows = أفضل الفترات
planner-considered = { $count ->
    [zero] لم تُدرس أي فترة مرشحة.
    [one] دُرست فترة مرشحة واحدة.
    [two] دُرست فترتان مرشحتان.
    [few] دُرست { $count } فترات مرشحة.
    [many] دُرست { $count } فترة مرشحة.
   *[other] دُرست { $count } فترة مرشحة.
}
planner-rank = الرقم
planner-local-times = الأوقات المحلية
planner-outside-hours = خارج ساعات العمل
planner-minutes = { $minutes } دقيقة
planner-strips-title = أشرطة الساعات الأربع والعشرين ليوم { $day } (بالتوقيت العالمي)، شريط لكل مكان
planner-strips-caption = { $day } (ساعات التوقيت العالمي في الأعلى، والساعات المحلية في كل شريط)
planner-window = الفترة { $rank }: { $start } – { $end }
planner-utc-hour = { $hour }Z
planner-error-calendars-first = السطر { $line }: يجب أن يسبق التقاويمَ اسمُ مكان
planner-error-unknown-place = السطر { $line }: «{ $place }» ليس مدينة من البيانات المرجعية ولا منطقة زمنية من IANA
planner-error-no-place = اذكر مكانًا واحدًا على الأقل
planner-error-duration = «{ $value }» ليس عددًا من الدقائق
field-places = الأماكن
field-from = من
field-to = إلى
field-duration = المدة

## الأحداث الموازية

coloc-title = الأحداث الموازية
coloc-heading = عقد حدث بالتوازي مع حدث آخر
coloc-intro = القرار 21: ورش عمل بالتوازي مع اجتماعات الأفرقة الإقليمية، والعكس بالعكس. تعتمد الاقتراحات على مكان انعقاد الاجتماع المرجعي وأيام عمله وقاعاته الشاغرة.
coloc-anchor = الاجتماع المرجعي
coloc-event-title = العنوان
coloc-kind = النوع
coloc-default-title = ورشة عمل إقليمية
coloc-days = أيام العمل
coloc-gap = أكبر فاصل (بأيام العمل)
coloc-seats = عدد المقاعد المطلوبة
coloc-placement = التوقيت بالنسبة إلى الاجتماع
placement-before = قبله
placement-after = بعده
placement-during = أثناءه (في قاعة موازية)
coloc-submit = ابحث عن تواريخ
coloc-candidates = الاقتراحات
coloc-no-candidate = لا يوجد اقتراح مناسب.
coloc-room = القاعة { $room } ({ $seats })
coloc-gap-days = { $days ->
    [zero] بلا فاصل
    [one] فاصل يوم عمل واحد
    [two] فاصل يومي عمل
    [few] فاصل { $days } أيام عمل
    [many] فاصل { $days } يوم عمل
   *[other] فاصل { $days } يوم عمل
}
coloc-no-clash = لا تعارض
coloc-create = أنشئ هذا الاقتراح
coloc-signin = سجّل الدخول لإنشائه
coloc-not-created-title = لم يُنشأ
coloc-not-created-heading = لم يُنشأ الحدث
coloc-back = العودة إلى الأحداث الموازية

## التعارضات

clashes-title = التعارضات
signout = تسجيل الخروج
clashes-signed-in-label = سجّلت الدخول بالرمز «{ $label }» ({ $role }).
clashes-signed-in = سجّلت الدخول برمز ({ $role }).
clashes-resolved = حُلّ التعارض { $id }.
clashes-empty = لا توجد تعارضات في مناطقك.
clashes-no-fix = لا يوجد اقتراح: عدّل الأحداث يدويًا.
fix-move = نقل الموعد
fix-switch_room = تغيير القاعة
clashes-fix = { $action }: { $start } – { $end } ({ $zone })
clashes-leaves = { $count ->
    [zero] لا يبقى أي تعارض
    [one] يبقى تعارض واحد
    [two] يبقى تعارضان
    [few] تبقى { $count } تعارضات
    [many] يبقى { $count } تعارضًا
   *[other] يبقى { $count } تعارض
}
clashes-apply = طبّق
clashes-not-applied-title = لم يُطبّق
clashes-not-applied-heading = لم يُطبّق الاقتراح
clashes-back = العودة إلى التعارضات

## تسجيل الدخول

signin-title = تسجيل الدخول
signin-heading = تسجيل دخول المنظِّمين
signin-token = رمز واجهة البرمجة (يُنشأ بالأمر { $command })
signin-submit = سجّل الدخول
signin-note = يُتحقق من الرمز مرة واحدة ولا يُخزَّن أبدًا في متصفحك: المخزَّن هو ملف تعريف ارتباط الجلسة فقط.
signin-unknown = هذا الرمز غير معروف أو أُلغي.

## Season planning (/seasons)
season-title = تخطيط الموسم
season-heading = تخطيط موسم
season-intro = وضع موسم كامل من الاجتماعات وورش العمل والمنتديات دفعة واحدة، كل منها بالتوازي مع الاجتماعات التي ينتمي إليها (القرار 21). يُشار إلى الأماكن والأحداث الثابتة بمعرّفاتها في قاعدة البيانات هذه.
season-document = وثيقة الموسم (JSON)
season-submit = تخطيط الموسم
season-demo-loaded = تم ملء موسم العرض التوضيحي: ورش عمل ومنتديات تُعقد بالتوازي مع اجتماع SG3RG-AFR في ياوندي واجتماع SG5RG-ARB في القاهرة.
season-plan = الخطة
season-cost = التكلفة
season-status-optimal = ثبت أنها مثلى
season-status-feasible = ممكنة، ولم يثبت أنها مثلى
season-bound = الحد الأدنى المثبت
season-placed = الأحداث الموضوعة
season-colocations = حالات العقد الموازي المطلوبة
season-trips = الرحلات
season-trips-apart = الرحلات في حال العقد المنفصل
season-soft-clashes = التعارضات البسيطة
season-chart = الخطة حسب المكان واليوم: كل شريط حدث؛ والمجموعات المعقودة بالتوازي محاطة بإطار ومرقّمة.
season-legend-placed = حدث موضوع
season-legend-fixed = اجتماع ثابت
season-legend-closed = عطلة نهاية الأسبوع أو عطلة رسمية
season-legend-cluster = مجموعة معقودة بالتوازي
season-table = المواضع
season-col-event = الحدث
season-col-venue = المكان
season-col-room = القاعة
season-col-days = الأيام
season-col-alongside = بالتوازي مع
season-col-cluster = المجموعة
season-fixed = ثابت
season-unplaced = غير موضوعة
season-none-unplaced = تم وضع جميع الأحداث.
season-apply = تطبيق: إنشاء هذه الأحداث بوصفها مقترحة
season-apply-signin = سجّل الدخول بصفتك منظِّماً لتطبيق هذه الخطة
season-applied-title = تم تطبيق الموسم
season-applied-heading = تم تطبيق الخطة
season-applied-intro = أُنشئت هذه الأحداث المقترحة، وكل منها مرتبط بالحدث الذي يُعقد بالتوازي معه.
season-not-applied-title = لم يُطبَّق
season-not-applied-heading = لم تُطبَّق الخطة
season-back = العودة إلى تخطيط الموسم

## مرجع واجهة البرمجة (/api/docs)

apidocs-title = مرجع واجهة البرمجة
apidocs-intro = كل عمليات واجهة برمجة HTTP في tandem، مأخوذة من وثيقة OpenAPI الخاصة بها ({ $document }). الأوصاف هي أوصاف الوثيقة نفسها، باللغة الإنكليزية. لتجربة العمليات في المتصفح، افتح { $console }.
apidocs-console = وحدة التحكم التفاعلية (Swagger UI)
apidocs-auth = القراءة متاحة حيث يسمح الخادم بذلك؛ أما الكتابة فتتطلب رمزًا مميزًا لواجهة البرمجة يُرسل على هيئة { $header }.
apidocs-contents = المحتويات
apidocs-schemas = المخططات
apidocs-parameters = المعاملات
apidocs-name = الاسم
apidocs-in = الموضع
apidocs-in-query = سلسلة الاستعلام
apidocs-in-path = المسار
apidocs-in-header = الترويسة
apidocs-in-cookie = ملف تعريف الارتباط
apidocs-type = النوع
apidocs-required = إلزامي
apidocs-description = الوصف
apidocs-yes = نعم
apidocs-no = لا
apidocs-body = متن الطلب:
apidocs-body-required = إلزامي
apidocs-responses = الاستجابات
apidocs-status = الحالة
apidocs-values = القيم:
apidocs-fields = حقول { $schema }
