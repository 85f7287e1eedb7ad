# التقاويم: النصوص التي يكتبها tandem في تقاويم iCalendar ‏(DESIGN §16): اسم التقويم
# (NAME) ووصفه (DESCRIPTION) وسطر المكان (LOCATION)؛ وأسماء الفئات هي مصطلحات kind-*.

feed-all-name = الاجتماعات الإقليمية للاتحاد الدولي للاتصالات
feed-all-description = جميع الاجتماعات وورش العمل والمؤتمرات والجلسات التي تُنسَّق في tandem
feed-region-name = اجتماعات الاتحاد الدولي للاتصالات في منطقة { $region }
feed-region-description = اجتماعات الاتحاد الدولي للاتصالات في منطقة { $region } ({ $code })
feed-group-name = اجتماعات الفريق { $group }
feed-group-description = اجتماعات الفريق { $group }: { $title }
feed-venue-name = { $venue } ({ $city })
feed-venue-description = الاجتماعات المعقودة في هذا المكان: { $name }
feed-participant-name = اجتماعاتي في الاتحاد الدولي للاتصالات ({ $participant })
feed-participant-description = الاجتماعات التي يشارك فيها { $participant }
feed-freebusy-name = أوقات انشغال { $participant }
feed-freebusy-description = الأوقات التي يكون فيها { $participant } مشغولًا
feed-location = { $venue }، { $city }، { $country }
feed-location-room = { $room }، { $venue }، { $city }، { $country }
