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
problem-detail-event-not-rewritable = لم يعد من الممكن إعادة كتابة الاجتماع
problem-detail-stored-event-not-rewritable = لم يعد من الممكن إعادة كتابة الاجتماع المخزَّن
problem-detail-send-json = أرسل نص الطلب بصيغة JSON مع 'Content-Type: application/json'
problem-detail-no-event = لا يوجد اجتماع بالمعرّف { $id }
problem-detail-no-venue = لا يوجد مكان بالمعرّف { $id }
problem-detail-no-calendar = لا يوجد تقويم بالمعرّف { $id }
problem-detail-no-clash = لا يوجد تعارض بالمعرّف { $id }
problem-detail-no-feed-token = لا يوجد رمز تقويم بالمعرّف { $id }
problem-detail-no-token = لا يوجد رمز بالمعرّف { $id }
problem-detail-no-open-clash = لا يوجد تعارض قائم بالمعرّف { $id } (ربما سُوّي: اطلبه بـ GET لترى سجله)
problem-detail-no-group = لا توجد مجموعة { $code }
problem-detail-no-region = لا توجد منطقة { $code }: المتوقع AFR أو AMS أو ARB أو ASP أو CIS أو EUR
problem-detail-no-feed-file = لا يوجد تقويم { $file }: تنتهي أسماء التقاويم بـ ‎.ics
problem-detail-suggestion-stale = لم يعد الاقتراح { $suggestion } ينطبق على التعارض { $id }؛ اطلب التعارض بـ GET لترى الاقتراحات الحالية
problem-detail-stale-version = ذكر If-Match الإصدار { $expected }، لكن الاجتماع في الإصدار { $current }: أعد قراءته ثم أعد المحاولة
problem-detail-room-held = القاعة محجوزة في ذلك الوقت لـ { $events }
problem-detail-rate-limited = أرسل هذا العميل أكثر من { $burst } طلبًا دفعة واحدة أو أكثر من { $rate } في الثانية؛ أعد المحاولة بعد { $seconds } ث
problem-invalid-request-detail =
    { $count ->
        [one] هذا الحقل غير صالح: { $fields }
       *[other] هذه الحقول غير صالحة: { $fields }
    }
