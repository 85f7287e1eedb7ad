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
