# Field errors of the application and the store: imported calendars, windows from files and
# URLs, references to venues, rooms and calendars (DESIGN §16).

## وثائق iCalendar تتعذّر قراءتها (السبب من المحلّل)

calendar-unreadable-line = تتعذّر قراءة التقويم، السطر { $line }: { $reason }
calendar-unreadable = تتعذّر قراءة التقويم: { $reason }

## تقاويم البحث عن فترات

windows-unknown-calendar = لا يوجد تقويم مستورد بالمعرّف «{ $id }»
windows-file-unreadable = الملف { $path }: { $reason }
windows-file-cannot-read = تتعذّر قراءة { $path }: { $reason }
windows-read-failed = أخفقت قراءة هذا التقويم على نحو غير متوقع

## الحدث المرجعي لحدث موازٍ

colocation-unknown-anchor = لا يوجد حدث بالمعرّف «{ $id }»
colocation-anchor-no-venue = ليس للحدث المرجعي مكان يُعقد فيه حدث موازٍ

## جلسة في خطة موسم

season-session-invalid = جلسة يوم { $date } في { $venue }: { $reason }

## استيراد تقويم من عنوان URL

import-url-not-url = عنوان URL غير صالح ({ $reason })
import-url-no-host = لا يتضمن عنوان URL اسم مضيف
import-url-scheme = المخطط «{ $scheme }» غير مدعوم: استخدم https أو http أو webcal
import-redirect-no-location = إعادة توجيه بلا ترويسة Location
import-redirect-invalid = إعادة توجيه إلى عنوان URL غير صالح ({ $reason })
import-redirect-scheme = إعادة توجيه إلى المخطط «{ $scheme }»، وهو غير مدعوم
import-too-large = يتجاوز حجم التقويم الحد الأقصى وهو { $limit } بايت
import-too-many-redirects = تجاوز عدد عمليات إعادة التوجيه { $max }
import-refused-resolves = مرفوض: يشير { $host } إلى العنوان { $address }، وهو ليس عنوانًا عامًا ({ $range })؛ لا تُجلب التقاويم إلا من عناوين عامة (أضف المضيف إلى import.allow_hosts للسماح به)
import-refused-address = مرفوض: { $host } ليس عنوانًا عامًا ({ $range })؛ لا تُجلب التقاويم إلا من عناوين عامة (أضف المضيف إلى import.allow_hosts للسماح به)
import-refused-scheme = مرفوض: { $host }: المخطط «{ $scheme }» غير مدعوم: استخدم https أو http أو webcal
import-refused-no-host = مرفوض: { $host }: لا يتضمن عنوان URL اسم مضيف
import-refused-no-address = مرفوض: لا يقابل الاسم { $host } أي عنوان

## مراجع يتحقق منها المخزن

reference-no-venue = لا يوجد مكان بالمعرّف { $id }
reference-no-room = لا توجد في المكان { $venue } القاعة { $room }
reference-room-without-venue = تتطلب القاعة ذكر venue_id الخاص بمكانها
reference-no-alongside = لا يوجد حدث آخر بالمعرّف { $id }
reference-no-occurrence = لا يُعقد الحدث ولو مرة واحدة
reference-rule = تعذّر تطبيق قاعدة التكرار: { $reason }
