# الدعوات بالبريد الإلكتروني (DESIGN §15): موضوع الرسالة وجزؤها النصي.

## الموضوع (وهو أيضًا السطر الأول من النص)

mail-subject-invitation = دعوة: { $title }
mail-subject-update = تحديث: { $title }
mail-subject-cancel = إلغاء: { $title }
mail-subject-uninvite = سحب الدعوة: { $title }

## النص

mail-cancelled = أُلغي هذا الاجتماع، وسيُحذف من تقويمك.
mail-uninvited = لم تعد من المشاركين، وسيُحذف هذا الاجتماع من تقويمك.
mail-when = الموعد: { $span } ({ $zone })
mail-when-event = {"        "}{ $span } ({ $zone }، بتوقيت مكان الاجتماع)
mail-repeats = يتكرر: { $rule } (يظهر الموعد الأول فقط)
mail-where = المكان: { $location }
mail-online-only = عبر الإنترنت فقط
mail-remote = المشاركة عن بُعد: { $link }
mail-page = الاجتماع: { $link }
mail-required = مشاركتك مطلوبة.
mail-optional = مشاركتك اختيارية.

## الأجزاء

mail-span-day = { $start } – { $end }
mail-span = { $start } – { $end }
mail-zone = { $name }، { $offset }
