# مستندات المشكلات (RFC 9457).

problem-invalid-request = طلب غير صالح
problem-not-found = غير موجود
problem-unauthorized = المصادقة مطلوبة
problem-forbidden = ممنوع
problem-clash = القاعة محجوزة بالفعل
problem-conflict = تعارض
problem-stale-version = تغيّر المورد
problem-source-unreachable = تعذّر جلب التقويم
problem-too-large = نص الطلب كبير جدًا
problem-unsupported-media-type = نوع وسائط غير مدعوم
problem-rate-limited = طلبات كثيرة جدًا
problem-unavailable = الخدمة غير متاحة
problem-internal = خطأ داخلي
problem-unavailable-detail = قاعدة البيانات مشغولة أو يتعذر الوصول إليها؛ أعد المحاولة بعد قليل
problem-internal-detail = حدث خطأ غير متوقع؛ وقد سُجّل
problem-too-large-detail = نص الطلب أكبر مما يقبله tandem

# التفاصيل التي يكتبها tandem بقيم مأخوذة من الطلب.
problem-detail-bearer-expected = كان المتوقع 'Authorization: Bearer <token>'
problem-detail-token-needed = يلزم رمز مميز: أرسل 'Authorization: Bearer <token>'
problem-detail-token-unknown = الرمز المميز غير معروف أو مُلغى
problem-detail-viewer-read-only = لا يمكن لرمز الاطلاع تغيير أي شيء
problem-detail-viewer-feed-tokens = لا يمكن لرمز الاطلاع إدارة رموز التقاويم
problem-detail-feed-token-own = لا يدير رمز التقويم إلا رموز المشارك الخاص به
problem-detail-region-outside = يشمل رمز المنظِّم هذا { $regions }؛ والمنطقة { $region } خارجه
problem-detail-no-such-feed = لا يوجد هذا التقويم
problem-detail-token-revoked = أُلغي هذا الرمز؛ أنشئ رمزًا جديدًا
problem-detail-send-json = أرسل نص الطلب بصيغة JSON مع 'Content-Type: application/json'
problem-detail-no-event = لا يوجد اجتماع بالمعرّف «{ $id }»
problem-detail-no-venue = لا يوجد مكان بالمعرّف «{ $id }»
problem-detail-no-calendar = لا يوجد تقويم بالمعرّف «{ $id }»
problem-detail-no-clash = لا يوجد تعارض بالمعرّف «{ $id }»
problem-detail-no-feed-token = لا يوجد رمز تقويم بالمعرّف «{ $id }»
problem-detail-no-token = لا يوجد رمز بالمعرّف «{ $id }»
problem-detail-no-open-clash = لا يوجد تعارض قائم بالمعرّف «{ $id }» (ربما سُوّي: اطلبه بـ GET لترى سجله)
problem-detail-no-group = لا توجد مجموعة «{ $code }»
problem-detail-no-region = لا توجد منطقة «{ $code }»: المتوقع AFR أو AMS أو ARB أو ASP أو CIS أو EUR
problem-detail-no-feed-file = لا يوجد تقويم «{ $file }»: تنتهي أسماء التقاويم بـ ‎.ics
problem-detail-suggestion-stale = لم يعد الاقتراح «{ $suggestion }» ينطبق على التعارض «{ $id }»؛ اطلب التعارض بـ GET لترى الاقتراحات الحالية
problem-detail-stale-version = ذكر If-Match الإصدار { $expected }، لكن الاجتماع في الإصدار { $current }: أعد قراءته ثم أعد المحاولة
problem-detail-room-held = القاعة محجوزة في ذلك الوقت لـ { $events }
problem-detail-rate-limited = أرسل هذا العميل أكثر من { $burst } طلبًا دفعة واحدة أو أكثر من { $rate } في الثانية؛ أعد المحاولة بعد { $seconds } ث
problem-invalid-request-detail =
    { $count ->
        [one] هذا الحقل غير صالح: { $fields }
       *[other] هذه الحقول غير صالحة: { $fields }
    }

problem-method-not-allowed = الطريقة غير مسموح بها
problem-method-not-allowed-detail = لا يستجيب هذا المورد لهذه الطريقة؛ وتبيّن الترويسة Allow الطرق التي يقبلها
problem-timeout = استغرق الطلب وقتًا أطول مما ينبغي
problem-timeout-detail = تجاوز الطلب المدة التي يسمح بها tandem؛ أعد المحاولة بعد قليل
problem-detail-no-route = لا يوجد مورد بهذا العنوان؛ وترد أوصاف واجهة البرمجة في /api/v1/openapi.json
problem-detail-feed-token-reads-only = رمز التقويم لا يقرأ إلا اجتماعات المشارك التابع له؛ ويلزم هنا رمز لواجهة البرمجة
problem-detail-region-none = لا يشمل رمز المنظِّم هذا أي منطقة؛ والمنطقة { $region } خارجه
problem-detail-no-record = لا يوجد سجل بالمعرّف «{ $id }»
problem-detail-fetch-failed = تعذّر جلب التقويم: { $reason }
problem-detail-calendar-not-refreshable = رُفع هذا التقويم مباشرة وليس له مصدر يُحدَّث منه
problem-detail-calendar-busy = يجري تحديث هذا التقويم بالفعل
problem-detail-plan-event-appeared = ظهر الاجتماع «{ $title }» ({ $id }) بعد إعداد الخطة
problem-detail-plan-event-changed = تغيّر الاجتماع «{ $title }» ({ $id }) بعد إعداد الخطة (الإصدار { $was }، والآن { $now })
problem-detail-plan-event-gone = أُلغي الاجتماع { $id } أو نُقل بعد إعداد الخطة

# أخطاء الحقول في عمليات التحقق الخاصة بواجهة HTTP.
api-after = يجب أن يكون بعد { $other }
api-at-most = يجب ألا يتجاوز { $max }
api-between = يجب أن يكون بين { $min } و{ $max }
api-bad-cursor = ليس مؤشرًا أعادته هذه الواجهة
api-bad-if-match = المتوقع هو وسم ETag للاجتماع، مثل "3"
api-bad-query = معلمة استعلام غير صالحة: { $reason }
api-body-unreadable = تعذّرت قراءة متن الطلب: { $reason }
api-not-json = متن الطلب ليس JSON صالحًا: { $reason }
api-missing-field = هذا الحقل مطلوب
api-unreadable-value = تتعذّر قراءة هذه القيمة: { $reason }
api-calendar-no-source = حدِّد 'url' (https أو http أو webcal) أو 'ics' (نص التقويم)
api-calendar-url-and-ics = حدِّد إما 'url' (يُجلب ويُحدَّث) وإما 'ics' (يُرفع مرة واحدة)، لا كليهما
api-calendar-two-owners = يتبع التقويم مشاركًا ('owner') أو مكانًا ('venue_id')، لا كليهما
api-days-or-minutes = حدِّد واحدًا فقط من days وduration_minutes
api-longer-than-day = أطول من ساعات العمل اليومية
api-listed-twice = مذكور مرتين
api-placement-none = حدِّد موضعًا واحدًا على الأقل
api-group-unknown = مجموعة غير معروفة «{ $code }»
api-group-unknown-see-list = مجموعة غير معروفة «{ $code }»: انظر GET /api/v1/groups للاطلاع على الرموز
api-unknown-value = قيمة غير معروفة «{ $value }»: المتوقع { $expected }
api-not-an-event-id = «{ $value }» ليس معرّف اجتماع
api-not-a-venue-id = «{ $value }» ليس معرّف مكان
api-not-a-room-id = «{ $value }» ليس معرّف قاعة
api-not-http-url = «{ $value }» ليس عنوان URL من نوع http(s)
api-room-needs-venue = تحتاج القاعة إلى venue_id الخاص بها
api-no-holiday-calendar = لا يوجد تقويم عطل مرفق بالرمز «{ $code }»: الرموز المعروفة هي { $known }
api-invalid-event = تعذّرت قراءة الاجتماع
api-invalid-venue = تعذّرت قراءة المكان
