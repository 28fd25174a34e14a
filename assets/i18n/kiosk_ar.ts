<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- SPDX-License-Identifier: EUPL-1.2 -->
<TS version="2.1" language="ar_EG">
    <context>
        <name>Answers</name>
        <message>
            <location filename="../../forms/answers.py" line="31" />
            <source>This answer is required.</source>
            <translation type="unfinished">هذه الإجابة مطلوبة.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="32" />
            <source>Please type some text.</source>
            <translation type="unfinished">يرجى كتابة نص.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../forms/answers.py" line="33" />
            <source>Type at least %n character(s).</source>
            <translation type="unfinished">
                <numerusform>اكتب %n حرفًا على الأقل.</numerusform>
                <numerusform>اكتب حرفًا واحدًا على الأقل.</numerusform>
                <numerusform>اكتب حرفين على الأقل.</numerusform>
                <numerusform>اكتب %n أحرف على الأقل.</numerusform>
                <numerusform>اكتب %n حرفًا على الأقل.</numerusform>
                <numerusform>اكتب %n حرف على الأقل.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../forms/answers.py" line="34" />
            <source>Type at most %n character(s).</source>
            <translation type="unfinished">
                <numerusform>اكتب %n حرفًا على الأكثر.</numerusform>
                <numerusform>اكتب حرفًا واحدًا على الأكثر.</numerusform>
                <numerusform>اكتب حرفين على الأكثر.</numerusform>
                <numerusform>اكتب %n أحرف على الأكثر.</numerusform>
                <numerusform>اكتب %n حرفًا على الأكثر.</numerusform>
                <numerusform>اكتب %n حرف على الأكثر.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="51" />
            <source>The answers are too long altogether: please shorten this one.</source>
            <translation type="unfinished">الإجابات طويلة جدًا في مجموعها: يرجى اختصار هذه الإجابة.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="35" />
            <source>This is not in the required format.</source>
            <translation type="unfinished">الصيغة ليست كما هو مطلوب.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="36" />
            <source>Type a whole number.</source>
            <translation type="unfinished">اكتب عددًا صحيحًا.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="37" />
            <source>Type an amount in euro, like 150 or 150.50.</source>
            <translation type="unfinished">اكتب مبلغًا باليورو، مثل 150 أو 150.50.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="38" />
            <source>The smallest value allowed is {min}.</source>
            <translation type="unfinished">أصغر قيمة مسموح بها هي {min}.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="39" />
            <source>The largest value allowed is {max}.</source>
            <translation type="unfinished">أكبر قيمة مسموح بها هي {max}.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="40" />
            <source>Type a valid date, like 23/01/1941.</source>
            <translation type="unfinished">اكتب تاريخًا صحيحًا، مثل 23/01/1941.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="41" />
            <source>The date cannot be before {min}.</source>
            <translation type="unfinished">لا يمكن أن يكون التاريخ قبل {min}.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="42" />
            <source>The date cannot be after {max}.</source>
            <translation type="unfinished">لا يمكن أن يكون التاريخ بعد {max}.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="43" />
            <source>Choose one of the answers offered.</source>
            <translation type="unfinished">اختر إحدى الإجابات المعروضة.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="44" />
            <source>“{choice}” cannot be chosen together with other answers.</source>
            <translation type="unfinished">لا يمكن اختيار «{choice}» مع إجابات أخرى.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="46" />
            <source>Answer yes or no.</source>
            <translation type="unfinished">أجب بنعم أو لا.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="47" />
            <source>You need to confirm this declaration to go on.</source>
            <translation type="unfinished">للمتابعة يجب أن تؤكد هذا الإقرار.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="48" />
            <source>Choose a Comune from the list.</source>
            <translation type="unfinished">اختر بلدية من القائمة.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="49" />
            <source>Add at least {min}.</source>
            <translation type="unfinished">أضف {min} على الأقل.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="50" />
            <source>You can add at most {max}.</source>
            <translation type="unfinished">يمكنك أن تضيف {max} على الأكثر.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="51" />
            <source>This answer is not part of the form.</source>
            <translation type="unfinished">هذه الإجابة ليست جزءًا من الاستمارة.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="52" />
            <source>The form cannot check this answer: please ask the welfare manager.</source>
            <translation type="unfinished">لا تستطيع الاستمارة التحقق من هذه الإجابة: يرجى سؤال الموظف.</translation>
        </message>
    </context>
    <context>
        <name>ApplicationDone</name>
        <message>
            <location filename="../../kiosk/ui/widgets/application_done.py" line="30" />
            <source>Your tracking code: {code}</source>
            <translation type="unfinished">رمز المتابعة الخاص بك: {code}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/application_done.py" line="33" />
            <source>Protocol number: {protocol}</source>
            <translation type="unfinished">رقم التسجيل: {protocol}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/application_done.py" line="38" />
            <source>The Comune&apos;s platform could not accept it. It is kept at this Social Point: please ask the welfare manager at the desk, who will see why.</source>
            <translation type="unfinished">لم تتمكن منصة البلدية من قبول الطلب. يبقى محفوظًا في نقطة الخدمة هذه: اسأل الموظف في المكتب، وسيعرف السبب.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/application_done.py" line="38" />
            <source>The Comune is giving it a protocol number…</source>
            <translation type="unfinished">البلدية تعطيه رقم تسجيل…</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/application_done.py" line="42" />
            <source>This Social Point is offline right now: the application will leave by itself as soon as it can. You will find its protocol number with the tracking code.</source>
            <translation type="unfinished">نقطة Social Point هذه غير متصلة الآن: سيُرسل الطلب تلقائيًا في أقرب وقت. ستجد رقم التسجيل لاحقًا برمز المتابعة.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/application_done.py" line="50" />
            <source>The receipt is coming out of the printer: please keep it.</source>
            <translation type="unfinished">الإيصال يخرج من الطابعة: يرجى الاحتفاظ به.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/application_done.py" line="52" />
            <source>To see how your application is going, tap "Calls and subsidies" on the home screen, then "Where is my application?".</source>
            <translation type="unfinished">لمعرفة حالة طلبك، المس «المساعدات والإعانات» في الشاشة الرئيسية، ثم «أين وصل طلبي؟».</translation>
        </message>
    </context>
    <context>
        <name>ApplicationReview</name>
        <message>
            <location filename="../../kiosk/core/apply_review.py" line="37" />
            <source>Person {n}: {who}</source>
            <translation type="unfinished">الشخص {n}: {who}</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_review.py" line="38" />
            <source>(no answers yet)</source>
            <translation type="unfinished">(لا توجد إجابات بعد)</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_review.py" line="39" />
            <source>Please note: {reasons}</source>
            <translation type="unfinished">انتبه: {reasons}</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_review.py" line="40" />
            <source>From your answers you seem to meet the requirements. The Comune will decide.</source>
            <translation type="unfinished">حسب إجاباتك، يبدو أنك تستوفي الشروط. القرار للبلدية.</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_review.py" line="44" />
            <source>From your answers the amount would be {amount}. The Comune decides the amount it grants.</source>
            <translation type="unfinished">بحسب إجاباتك سيكون المبلغ {amount}. البلدية هي التي تقرر المبلغ الممنوح.</translation>
        </message>
    </context>
    <context>
        <name>ApplicationStatusScreen</name>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="136" />
            <source>A tracking code looks like DOM-ABCD-EFGH: please check your receipt.</source>
            <translation type="unfinished">رمز المتابعة يشبه DOM-ABCD-EFGH: يرجى التحقق من الإيصال.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="159" />
            <source>The search is not possible right now. Please ask the welfare manager at the desk.</source>
            <translation type="unfinished">البحث غير ممكن الآن. يرجى سؤال الموظف في المكتب.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="167" />
            <source>Received by the Comune</source>
            <translation type="unfinished">استلمته البلدية</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="168" />
            <source>The Comune is examining it</source>
            <translation type="unfinished">البلدية تدرسه</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="169" />
            <source>The Comune needs more documents</source>
            <translation type="unfinished">البلدية تحتاج إلى وثائق أخرى</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="170" />
            <source>Accepted</source>
            <translation type="unfinished">مقبول</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="171" />
            <source>Not accepted</source>
            <translation type="unfinished">غير مقبول</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="172" />
            <source>Saved at this Social Point, not yet sent to the Comune</source>
            <translation type="unfinished">محفوظ في نقطة Social Point هذه، ولم يُرسل بعد إلى البلدية</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="173" />
            <source>It did not reach the Comune</source>
            <translation type="unfinished">لم يصل إلى البلدية</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="178" />
            <source>It leaves by itself as soon as the Social Point is online.</source>
            <translation type="unfinished">سيُرسل تلقائيًا عندما يتصل Social Point بالشبكة.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="180" />
            <source>Please ask the welfare manager at the desk: they can see why and help you apply again.</source>
            <translation type="unfinished">يرجى سؤال الموظف في المكتب: يمكنه معرفة السبب ومساعدتك على تقديم الطلب من جديد.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="183" />
            <source>Bring them to the Comune's office, with your receipt.</source>
            <translation type="unfinished">أحضرها إلى مكتب البلدية مع الإيصال.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="189" />
            <source>Where is my application?</source>
            <translation type="unfinished">أين وصل طلبي؟</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="191" />
            <source>Type the tracking code printed on your receipt and your codice fiscale. You can also pass your health card over the reader.</source>
            <translation type="unfinished">اكتب رمز المتابعة المطبوع على الإيصال ورمزك الضريبي (codice fiscale). يمكنك أيضًا تمرير البطاقة الصحية على القارئ.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="193" />
            <source>Tracking code (on the receipt)</source>
            <translation type="unfinished">رمز المتابعة (على الإيصال)</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="195" />
            <source>Codice fiscale</source>
            <translation type="unfinished">الرمز الضريبي (codice fiscale)</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="196" />
            <source>Search</source>
            <translation type="unfinished">بحث</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="202" />
            <source>No application matches this tracking code and codice fiscale. Please check both; if you applied at another Social Point a moment ago, try again later.</source>
            <translation type="unfinished">لا يوجد طلب بهذا الرمز وهذا الرمز الضريبي. تحقق من الاثنين؛ إذا قدمت الطلب قبل قليل في Social Point آخر، حاول مرة أخرى لاحقًا.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="213" />
            <source>Protocol number: {protocol}</source>
            <translation type="unfinished">رقم التسجيل: {protocol}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="220" />
            <source>Last update: {day} at {hour}</source>
            <translation type="unfinished">آخر تحديث: {day} الساعة {hour}</translation>
        </message>
    </context>
    <context>
        <name>ApplicationSteps</name>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="16" />
            <source>Before you start</source>
            <translation type="unfinished">قبل أن تبدأ</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="17" />
            <source>Privacy notice</source>
            <translation type="unfinished">إشعار الخصوصية</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="18" />
            <source>I have read it, go on</source>
            <translation type="unfinished">قرأته، متابعة</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="19" />
            <source>Step {n} of {total}</source>
            <translation type="unfinished">الخطوة {n} من {total}</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="20" />
            <source>Person {n}</source>
            <translation type="unfinished">الشخص {n}</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="21" />
            <source>Save this person</source>
            <translation type="unfinished">احفظ هذا الشخص</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="22" />
            <source>Next ›</source>
            <translation type="unfinished">التالي ›</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="23" />
            <source>Check your answers and send</source>
            <translation type="unfinished">راجع إجاباتك وأرسل</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="24" />
            <source>Sending…</source>
            <translation type="unfinished">جارٍ الإرسال…</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="25" />
            <source>Send the application</source>
            <translation type="unfinished">أرسل الطلب</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="26" />
            <source>Some answers are missing or need checking: tap Change next to the part to complete.</source>
            <translation type="unfinished">بعض الإجابات ناقصة أو تحتاج إلى مراجعة: المس «تعديل» بجانب الجزء الذي يجب إكماله.</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="30" />
            <source>Your application has been saved</source>
            <translation type="unfinished">تم حفظ طلبك</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="31" />
            <source>Finish</source>
            <translation type="unfinished">انتهيت</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="32" />
            <source>This call cannot be applied for here</source>
            <translation type="unfinished">لا يمكن تقديم طلب لهذه المساعدة هنا</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="33" />
            <source>Back to the calls</source>
            <translation type="unfinished">العودة إلى المساعدات</translation>
        </message>
    </context>
    <context>
        <name>ApplyScreen</name>
        <message>
            <location filename="../../kiosk/ui/screens/apply.py" line="356" />
            <source>Discard this person?</source>
            <translation type="unfinished">هل تريد حذف هذا الشخص؟</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/apply.py" line="357" />
            <source>What you typed about this person will not be kept.</source>
            <translation type="unfinished">لن يُحفظ ما كتبته عن هذا الشخص.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/apply.py" line="358" />
            <source>No, go on</source>
            <translation type="unfinished">لا، تابع</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/apply.py" line="359" />
            <source>Yes, discard</source>
            <translation type="unfinished">نعم، احذف</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/apply.py" line="455" />
            <source>Please check the answers marked below.</source>
            <translation type="unfinished">يرجى التحقق من الإجابات المعلَّمة أدناه.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/apply.py" line="478" />
            <source>The application could not be saved. Nothing you typed is lost: please try again, or ask the welfare manager at the desk.</source>
            <translation type="unfinished">تعذّر حفظ الطلب. لم يضع شيء مما كتبته: حاول مرة أخرى، أو اسأل الموظف في المكتب.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/apply.py" line="532" />
            <source>Cancel</source>
            <translation type="unfinished">إلغاء</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/apply.py" line="611" />
            <source>It may have just closed, or its form has not reached this kiosk yet. The welfare manager at the desk can help you.</source>
            <translation type="unfinished">ربما انتهت المدة للتو، أو لم تصل الاستمارة إلى هذا الجهاز بعد. يمكن للموظف في المكتب مساعدتك.</translation>
        </message>
    </context>
    <context>
        <name>CallsScreen</name>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="63" />
            <source>Apply by {day} at {hour}</source>
            <translation type="unfinished">قدّم الطلب قبل {day} الساعة {hour}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="70" />
            <source>Who can apply</source>
            <translation type="unfinished">من يمكنه التقديم</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="73" />
            <source>What to bring</source>
            <translation type="unfinished">ما يجب إحضاره</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="79" />
            <source>Apply here</source>
            <translation type="unfinished">قدّم الطلب هنا</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="81" />
            <source>Apply here: {title}</source>
            <translation type="unfinished">قدّم الطلب هنا: {title}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="86" />
            <source>Apply with the welfare manager at the desk.</source>
            <translation type="unfinished">يُقدَّم الطلب مع الموظف في المكتب.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="119" />
            <source>Calls and subsidies</source>
            <translation type="unfinished">المساعدات والإعانات</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="120" />
            <source>Where is my application?</source>
            <translation type="unfinished">أين وصل طلبي؟</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="121" />
            <source>Print my vouchers</source>
            <translation type="unfinished">اطبع قسائمي</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="123" />
            <source>Open now for residents of {comune}</source>
            <translation type="unfinished">متاحة الآن لسكان {comune}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="125" />
            <source>The welfare manager at the desk can help you fill in any form.</source>
            <translation type="unfinished">يمكن للموظف في المكتب مساعدتك في ملء أي استمارة.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="128" />
            <source>There are no open calls right now. Ask the welfare manager about new ones.</source>
            <translation type="unfinished">لا توجد مساعدات مفتوحة الآن. اسأل الموظف عن الجديد منها.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="90" />
            <source>Privacy notice</source>
            <translation type="unfinished">إشعار الخصوصية</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="114" />
            <source>Privacy notice: {title}</source>
            <translation type="unfinished">إشعار الخصوصية: {title}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="115" />
            <source>OK</source>
            <translation type="unfinished">فهمت</translation>
        </message>
    </context>
    <context>
        <name>CartScreen</name>
        <message>
            <location filename="../../kiosk/ui/screens/cart.py" line="50" />
            <source>{each} · {provider}</source>
            <translation type="unfinished">{each} · {provider}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/cart.py" line="55" />
            <source>One less</source>
            <translation type="unfinished">واحد أقل</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/cart.py" line="60" />
            <source>One more</source>
            <translation type="unfinished">واحد أكثر</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/cart.py" line="67" />
            <source>Remove</source>
            <translation type="unfinished">إزالة</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/cart.py" line="88" />
            <source>Your cart</source>
            <translation type="unfinished">سلتك</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/cart.py" line="93" />
            <source>The cart is empty. Choose a service and tap “Add to cart”.</source>
            <translation type="unfinished">السلة فارغة. اختر خدمة والمس «أضف إلى السلة».</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/cart.py" line="93" />
            <source>Choose a service ›</source>
            <translation type="unfinished">اختر خدمة ›</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/cart.py" line="93" />
            <source>OK, understood</source>
            <translation type="unfinished">فهمت</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/cart.py" line="97" />
            <source>Total: {amount}</source>
            <translation type="unfinished">المجموع: {amount}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/cart.py" line="99" />
            <source>Go on to payment ›</source>
            <translation type="unfinished">إلى الدفع ›</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/cart.py" line="102" />
            <source>The kiosk never takes money: you pay the provider, use your credit, or pay at the desk with the welfare manager.</source>
            <translation type="unfinished">هذا الجهاز لا يأخذ المال أبدًا: تدفع لمقدّم الخدمة، أو تستعمل رصيدك، أو تدفع في المكتب عند الموظف.</translation>
        </message>
    </context>
    <context>
        <name>CatalogScreen</name>
        <message numerus="yes">
            <location filename="../../kiosk/ui/screens/catalog.py" line="208" />
            <source>%n service(s)</source>
            <translation type="unfinished">
                <numerusform>لا خدمات</numerusform>
                <numerusform>خدمة واحدة</numerusform>
                <numerusform>خدمتان</numerusform>
                <numerusform>%n خدمات</numerusform>
                <numerusform>%n خدمة</numerusform>
                <numerusform>%n خدمة</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/screens/catalog.py" line="233" />
            <source>Did you mean “{words}”? %n service(s) found.</source>
            <translation type="unfinished">
                <numerusform>هل تقصد «{words}»؟ لا توجد خدمات.</numerusform>
                <numerusform>هل تقصد «{words}»؟ وجدنا خدمة واحدة.</numerusform>
                <numerusform>هل تقصد «{words}»؟ وجدنا خدمتين.</numerusform>
                <numerusform>هل تقصد «{words}»؟ وجدنا %n خدمات.</numerusform>
                <numerusform>هل تقصد «{words}»؟ وجدنا %n خدمة.</numerusform>
                <numerusform>هل تقصد «{words}»؟ وجدنا %n خدمة.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/screens/catalog.py" line="233" />
            <source>No service has all the words “{text}”. %n service(s) have some of them.</source>
            <translation type="unfinished">
                <numerusform>لا توجد خدمة فيها كل الكلمات «{text}». لا توجد خدمات فيها بعضها.</numerusform>
                <numerusform>لا توجد خدمة فيها كل الكلمات «{text}». خدمة واحدة فيها بعضها.</numerusform>
                <numerusform>لا توجد خدمة فيها كل الكلمات «{text}». خدمتان فيهما بعضها.</numerusform>
                <numerusform>لا توجد خدمة فيها كل الكلمات «{text}». %n خدمات فيها بعضها.</numerusform>
                <numerusform>لا توجد خدمة فيها كل الكلمات «{text}». %n خدمة فيها بعضها.</numerusform>
                <numerusform>لا توجد خدمة فيها كل الكلمات «{text}». %n خدمة فيها بعضها.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/screens/catalog.py" line="236" />
            <source>%n service(s) found for “{text}”</source>
            <translation type="unfinished">
                <numerusform>لا خدمات لـ «{text}»</numerusform>
                <numerusform>خدمة واحدة لـ «{text}»</numerusform>
                <numerusform>خدمتان لـ «{text}»</numerusform>
                <numerusform>%n خدمات لـ «{text}»</numerusform>
                <numerusform>%n خدمة لـ «{text}»</numerusform>
                <numerusform>%n خدمة لـ «{text}»</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="239" />
            <source>Nothing found for “{text}”. Try another word, search all the Comuni, or ask for help:</source>
            <translation type="unfinished">لم نجد شيئًا لـ «{text}». جرّب كلمة أخرى، أو ابحث في كل البلديات، أو اطلب المساعدة:</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="244" />
            <source>Nothing found for “{text}”. Try another word or ask for help:</source>
            <translation type="unfinished">لم نجد شيئًا لـ «{text}». جرّب كلمة أخرى أو اطلب المساعدة:</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="247" />
            <source>No service mentions: {words}.</source>
            <translation type="unfinished">لا توجد خدمة تذكر: {words}.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="261" />
            <source>Services</source>
            <translation type="unfinished">الخدمات</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="262" />
            <source>Search, for example: elderly, meals, babysitter</source>
            <translation type="unfinished">ابحث، مثلًا: كبار السن، وجبات، جليسة أطفال</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="263" />
            <source>Search services</source>
            <translation type="unfinished">ابحث عن الخدمات</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="264" />
            <source>Clear</source>
            <translation type="unfinished">مسح</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="265" />
            <source>For residents of:</source>
            <translation type="unfinished">لسكان:</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="266" />
            <source>All Comuni</source>
            <translation type="unfinished">كل البلديات</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="267" />
            <source>Search all the Comuni</source>
            <translation type="unfinished">ابحث في كل البلديات</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="268" />
            <source>Ask for help</source>
            <translation type="unfinished">اطلب المساعدة</translation>
        </message>
    </context>
    <context>
        <name>CheckoutScreen</name>
        <message numerus="yes">
            <location filename="../../kiosk/ui/screens/checkout.py" line="220" />
            <source>%n digit(s), hidden</source>
            <translation type="unfinished">
                <numerusform>لا أرقام، مخفية</numerusform>
                <numerusform>رقم واحد، مخفي</numerusform>
                <numerusform>رقمان، مخفيان</numerusform>
                <numerusform>%n أرقام، مخفية</numerusform>
                <numerusform>%n رقمًا، مخفية</numerusform>
                <numerusform>%n رقم، مخفية</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="220" />
            <source>{name}, welfare manager: type your PIN to confirm the payment was received.</source>
            <translation type="unfinished">{name}، الموظف: اكتب رمز PIN الخاص بك لتأكيد استلام الدفع.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="220" />
            <source>PIN</source>
            <translation type="unfinished">رمز PIN</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="220" />
            <source>Confirm the payment</source>
            <translation type="unfinished">تأكيد الدفع</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="220" />
            <source>Checking…</source>
            <translation type="unfinished">جارٍ التحقق…</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="220" />
            <source>The PIN has 6 to 8 digits.</source>
            <translation type="unfinished">يتكوّن رمز PIN من 6 إلى 8 أرقام.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="220" />
            <source>PIN not right. Tries left: {n}.</source>
            <translation type="unfinished">رمز PIN غير صحيح. المحاولات المتبقية: {n}.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="220" />
            <source>Too many wrong PINs: locked until {time}. Choose another way to pay.</source>
            <translation type="unfinished">أخطاء كثيرة في رمز PIN: مقفل حتى {time}. اختر طريقة دفع أخرى.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="220" />
            <source>This PIN cannot confirm the payment.</source>
            <translation type="unfinished">لا يمكن لهذا الرمز تأكيد الدفع.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="220" />
            <source>The total has changed: it is now {amount}. Type the PIN again to confirm the payment.</source>
            <translation type="unfinished">تغيّر المجموع: أصبح الآن {amount}. اكتب رمز PIN مرة أخرى لتأكيد الدفع.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="173" />
            <source>Your credit is not enough: {amount} available.</source>
            <translation type="unfinished">رصيدك لا يكفي: المتاح {amount}.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="176" />
            <source>Right now you can spend up to {amount} of your credit here: the rest is waiting to reach the platform. Try again later or choose another way to pay.</source>
            <translation type="unfinished">يمكنك الآن أن تصرف هنا حتى {amount} من رصيدك: الباقي ينتظر الوصول إلى المنصة. حاول لاحقًا أو اختر طريقة دفع أخرى.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="179" />
            <source>There is no credit in your name.</source>
            <translation type="unfinished">لا يوجد رصيد باسمك.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="179" />
            <source>The services in your cart can only be paid with your welfare credit: remove some of them from the cart, or ask for help.</source>
            <translation type="unfinished">لا يمكن دفع الخدمات في سلتك إلا برصيد المساعدة: أزل بعضها من السلة، أو اطلب المساعدة.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="281" />
            <source>The price of something in your cart has changed. Please check the new total and confirm again.</source>
            <translation type="unfinished">تغيّر سعر شيء في سلتك. يرجى مراجعة المجموع الجديد والتأكيد مرة أخرى.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="281" />
            <source>The order has changed since the payment at the desk was confirmed: the welfare manager confirms the new total again.</source>
            <translation type="unfinished">تغيّر الطلب بعد تأكيد الدفع في المكتب: يؤكد الموظف المجموع الجديد مرة أخرى.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="281" />
            <source>The ways to pay for your cart have changed: the one you chose can no longer be used.</source>
            <translation type="unfinished">تغيّرت طرق الدفع لسلتك: الطريقة التي اخترتها لم تعد متاحة.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="281" />
            <source>Choose one of the ways shown.</source>
            <translation type="unfinished">اختر إحدى الطرق المعروضة.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="281" />
            <source>“{service}” is no longer offered: it has been removed from your cart.</source>
            <translation type="unfinished">الخدمة «{service}» لم تعد متاحة: أُزيلت من سلتك.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="281" />
            <source>The price of “{service}” has changed from {old} to {new}.</source>
            <translation type="unfinished">تغيّر سعر «{service}» من {old} إلى {new}.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="281" />
            <source>These services are no longer offered and have been removed from your cart:</source>
            <translation type="unfinished">لم تعد هذه الخدمات متاحة وأُزيلت من سلتك:</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="281" />
            <source>Check the new total and choose how to pay again.</source>
            <translation type="unfinished">راجع المجموع الجديد واختر طريقة الدفع مرة أخرى.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="281" />
            <source>Your cart is now empty.</source>
            <translation type="unfinished">سلتك فارغة الآن.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="182" />
            <source>The order could not be saved. Nothing was charged: please ask the welfare manager.</source>
            <translation type="unfinished">تعذّر حفظ الطلب. لم يُخصم أي مبلغ: يرجى سؤال الموظف.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="191" />
            <source>Who is buying?</source>
            <translation type="unfinished">من يشتري؟</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="191" />
            <location filename="../../kiosk/ui/screens/checkout.py" line="192" />
            <source>How do you pay?</source>
            <translation type="unfinished">كيف تدفع؟</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="193" />
            <source>Your order is saved</source>
            <translation type="unfinished">تم حفظ طلبك</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="195" />
            <source>Total: {amount}</source>
            <translation type="unfinished">المجموع: {amount}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="200" />
            <source>I pay the provider when the service is done</source>
            <translation type="unfinished">أدفع لمقدّم الخدمة عندما أحصل على الخدمة</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="202" />
            <source>I pay at the desk now (cash or card, with the welfare manager)</source>
            <translation type="unfinished">أدفع الآن في المكتب (نقدًا أو بالبطاقة، عند الموظف)</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="219" />
            <source>✓ Payment received — confirmed by {name}</source>
            <translation type="unfinished">✓ تم استلام الدفع — أكّده {name}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="227" />
            <source>Finish</source>
            <translation type="unfinished">انتهيت</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="230" />
            <source>Sending…</source>
            <translation type="unfinished">جارٍ الإرسال…</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="231" />
            <source>Confirm the order</source>
            <translation type="unfinished">أكّد الطلب</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="238" />
            <source>{amount} · {title} · {total}</source>
            <translation type="unfinished">{amount} · {title} · {total}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="245" />
            <source>Only a code made from it is kept with your order, so you can print your vouchers again at any Social Point.</source>
            <translation type="unfinished">يُحفظ مع طلبك رمز مأخوذ منه فقط، لكي تتمكن من طباعة قسائمك مرة أخرى في أي Social Point.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="249" />
            <source>Order code: {code}
The receipt and one voucher per service are coming out of the printer: show the voucher to the provider.</source>
            <translation type="unfinished">رمز الطلب: {code}
يخرج من الطابعة الإيصال وقسيمة لكل خدمة: أظهر القسيمة لمقدّم الخدمة.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="254" />
            <source>The kiosk never takes money.</source>
            <translation type="unfinished">هذا الجهاز لا يأخذ المال أبدًا.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="259" />
            <source>I use my welfare credit (none in your name)</source>
            <translation type="unfinished">أستعمل رصيد المساعدة (لا يوجد باسمك)</translation>
        </message>
        <message>
            <source>I use my welfare credit</source>
            <translation type="unfinished">أستعمل رصيد المساعدة</translation>
        </message>
        <message>
            <source>{amount} available now</source>
            <translation type="unfinished">المتاح الآن {amount}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="260" />
            <source>I use my welfare credit ({amount} available now)</source>
            <translation type="unfinished">أستعمل رصيد المساعدة (المتاح الآن {amount})</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="271" />
            <source>Your credit is {balance}. A kiosk spends at most {now} of it until the platform has confirmed what was spent: the rest stays yours, for later or at another Social Point.</source>
            <translation type="unfinished">رصيدك {balance}. يصرف الجهاز منه {now} على الأكثر حتى تؤكد المنصة ما صُرف: الباقي يبقى لك، لوقت لاحق أو في Social Point آخر.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="279" />
            <source>What happens now: the provider calls you within two working days to agree the day and time (their number is also on your voucher). Show the voucher when the service is done.</source>
            <translation type="unfinished">ماذا يحدث الآن: يتصل بك مقدّم الخدمة خلال يومي عمل للاتفاق على اليوم والساعة (رقمه مكتوب أيضًا على القسيمة). أظهر القسيمة عندما تحصل على الخدمة.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="284" />
            <source>You pay the provider then, not now.</source>
            <translation type="unfinished">تدفع لمقدّم الخدمة حينها، لا الآن.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="286" />
            <source>The amount is taken from your credit now.</source>
            <translation type="unfinished">يُخصم المبلغ من رصيدك الآن.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="288" />
            <source>You pay at the desk now, with the welfare manager.</source>
            <translation type="unfinished">تدفع الآن في المكتب، عند الموظف.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="195" />
            <source>To pay with your welfare credit, go back and type your wallet PIN too.</source>
            <translation type="unfinished">للدفع برصيد الرعاية، ارجع واكتب أيضًا الرقم السري للمحفظة.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="214" />
            <location filename="../../kiosk/ui/screens/checkout.py" line="215" />
            <source>Check your order</source>
            <translation type="unfinished">تحقّق من طلبك</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="253" />
            <source>‹ Change</source>
            <translation type="unfinished">‹ تعديل</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="258" />
            <source>Check the order ›</source>
            <translation type="unfinished">تحقّق من الطلب ›</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="281" />
            <source>How you pay: {way}</source>
            <translation type="unfinished">طريقة الدفع: {way}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="322" />
            <source>Your credit cannot pay for this order now: choose another way to pay.</source>
            <translation type="unfinished">لا يمكن لرصيدك الآن دفع هذا الطلب: اختر طريقة دفع أخرى.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="381" />
            <source>The receipt and one voucher per service are coming out of the printer: show the voucher to the provider.</source>
            <translation type="unfinished">يخرج من الطابعة الإيصال وقسيمة لكل خدمة: أظهر القسيمة لمقدّم الخدمة.</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/purchasing.py" line="67" />
            <source>to the provider</source>
            <translation type="unfinished">لمقدّم الخدمة</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/purchasing.py" line="62" />
            <source>with your welfare credit</source>
            <translation type="unfinished">من رصيد المساعدة</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/purchasing.py" line="185" />
            <source>at the desk, with the welfare manager</source>
            <translation type="unfinished">في المكتب، عند الموظف</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/purchasing.py" line="189" />
            <source>These services cannot be paid in the same way, so they cannot be bought in one order. Each can be paid:</source>
            <translation type="unfinished">لا يمكن دفع هذه الخدمات بالطريقة نفسها، لذلك لا يمكن شراؤها في طلب واحد. يمكن دفع كل منها:</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/purchasing.py" line="194" />
            <source>Buy them in separate orders: remove from the cart the ones paid in another way, complete this order, then add them again for a new one.</source>
            <translation type="unfinished">اشترِها في طلبات منفصلة: أزِل من السلة الخدمات التي تُدفع بطريقة أخرى، وأكمل هذا الطلب، ثم أضفها من جديد في طلب جديد.</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/purchasing.py" line="199" />
            <source>The services in your cart can only be paid at the desk, with the welfare manager. Ask for help: the welfare manager completes the order with you.</source>
            <translation type="unfinished">لا يمكن دفع الخدمات في سلتك إلا في المكتب، عند الموظف. اطلب المساعدة: يكمل الموظف الطلب معك.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="328" />
            <source>Ask for help</source>
            <translation type="unfinished">اطلب المساعدة</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="330" />
            <source>Open the cart</source>
            <translation type="unfinished">افتح السلة</translation>
        </message>
    </context>
    <context>
        <name>CountedUnits</name>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="38" />
            <source>%n hour(s)</source>
            <translation type="unfinished">
                <numerusform>لا ساعات</numerusform>
                <numerusform>ساعة واحدة</numerusform>
                <numerusform>ساعتان</numerusform>
                <numerusform>%n ساعات</numerusform>
                <numerusform>%n ساعة</numerusform>
                <numerusform>%n ساعة</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="39" />
            <source>%n day(s)</source>
            <translation type="unfinished">
                <numerusform>لا أيام</numerusform>
                <numerusform>يوم واحد</numerusform>
                <numerusform>يومان</numerusform>
                <numerusform>%n أيام</numerusform>
                <numerusform>%n يومًا</numerusform>
                <numerusform>%n يوم</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="40" />
            <source>%n week(s)</source>
            <translation type="unfinished">
                <numerusform>لا أسابيع</numerusform>
                <numerusform>أسبوع واحد</numerusform>
                <numerusform>أسبوعان</numerusform>
                <numerusform>%n أسابيع</numerusform>
                <numerusform>%n أسبوعًا</numerusform>
                <numerusform>%n أسبوع</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="41" />
            <source>%n month(s)</source>
            <translation type="unfinished">
                <numerusform>لا أشهر</numerusform>
                <numerusform>شهر واحد</numerusform>
                <numerusform>شهران</numerusform>
                <numerusform>%n أشهر</numerusform>
                <numerusform>%n شهرًا</numerusform>
                <numerusform>%n شهر</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="42" />
            <source>%n meal(s)</source>
            <translation type="unfinished">
                <numerusform>لا وجبات</numerusform>
                <numerusform>وجبة واحدة</numerusform>
                <numerusform>وجبتان</numerusform>
                <numerusform>%n وجبات</numerusform>
                <numerusform>%n وجبة</numerusform>
                <numerusform>%n وجبة</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="43" />
            <source>%n session(s)</source>
            <translation type="unfinished">
                <numerusform>لا جلسات</numerusform>
                <numerusform>جلسة واحدة</numerusform>
                <numerusform>جلستان</numerusform>
                <numerusform>%n جلسات</numerusform>
                <numerusform>%n جلسة</numerusform>
                <numerusform>%n جلسة</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="44" />
            <source>%n course(s)</source>
            <translation type="unfinished">
                <numerusform>لا دورات</numerusform>
                <numerusform>دورة واحدة</numerusform>
                <numerusform>دورتان</numerusform>
                <numerusform>%n دورات</numerusform>
                <numerusform>%n دورة</numerusform>
                <numerusform>%n دورة</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="45" />
            <source>%n ride(s)</source>
            <translation type="unfinished">
                <numerusform>لا رحلات</numerusform>
                <numerusform>رحلة واحدة</numerusform>
                <numerusform>رحلتان</numerusform>
                <numerusform>%n رحلات</numerusform>
                <numerusform>%n رحلة</numerusform>
                <numerusform>%n رحلة</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="46" />
            <source>%n delivery(ies)</source>
            <translation type="unfinished">
                <numerusform>لا توصيل</numerusform>
                <numerusform>توصيلة واحدة</numerusform>
                <numerusform>توصيلتان</numerusform>
                <numerusform>%n توصيلات</numerusform>
                <numerusform>%n توصيلة</numerusform>
                <numerusform>%n توصيلة</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="47" />
            <source>%n kg</source>
            <translation type="unfinished">
                <numerusform>%n كغ</numerusform>
                <numerusform>%n كغ</numerusform>
                <numerusform>%n كغ</numerusform>
                <numerusform>%n كغ</numerusform>
                <numerusform>%n كغ</numerusform>
                <numerusform>%n كغ</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="48" />
            <source>%n visit(s)</source>
            <translation type="unfinished">
                <numerusform>لا زيارات</numerusform>
                <numerusform>زيارة واحدة</numerusform>
                <numerusform>زيارتان</numerusform>
                <numerusform>%n زيارات</numerusform>
                <numerusform>%n زيارة</numerusform>
                <numerusform>%n زيارة</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>FormFields</name>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="41" />
            <source>dd/mm/yyyy</source>
            <translation type="unfinished">يوم/شهر/سنة</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="42" />
            <source>amount in euro, e.g. 150,00</source>
            <translation type="unfinished">المبلغ باليورو، مثلًا 150.00</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="43" />
            <location filename="../../kiosk/ui/widgets/identify.py" line="126" />
            <source>16 letters and digits</source>
            <translation type="unfinished">16 حرفًا ورقمًا</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="44" />
            <source>e.g. 347 123 4567</source>
            <translation type="unfinished">مثلًا 347 123 4567</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="45" />
            <source>e.g. name@example.it</source>
            <translation type="unfinished">مثلًا name@example.it</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="46" />
            <source>IT followed by 25 letters and digits</source>
            <translation type="unfinished">IT ثم 25 حرفًا ورقمًا</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="99" />
            <source>{question} (optional)</source>
            <translation type="unfinished">{question} (اختياري)</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="268" />
            <source>You can choose more than one.</source>
            <translation type="unfinished">يمكنك اختيار أكثر من إجابة.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="291" />
            <source>✓  I confirm</source>
            <translation type="unfinished">✓  أؤكد</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="293" />
            <source>I confirm</source>
            <translation type="unfinished">أؤكد</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="359" />
            <source>Person {n}</source>
            <translation type="unfinished">الشخص {n}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="368" />
            <source>Change</source>
            <translation type="unfinished">تعديل</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="372" />
            <source>Remove</source>
            <translation type="unfinished">إزالة</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="390" />
            <source>Tap again to remove</source>
            <translation type="unfinished">المس مرة أخرى للإزالة</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="394" />
            <source>+ Add a person</source>
            <translation type="unfinished">+ أضف شخصًا</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="418" />
            <source>(no answer)</source>
            <translation type="unfinished">(لا توجد إجابة)</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="428" />
            <source>Confirmed</source>
            <translation type="unfinished">مؤكَّد</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="430" />
            <source>Not confirmed</source>
            <translation type="unfinished">غير مؤكَّد</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="433" />
            <source>Yes</source>
            <translation type="unfinished">نعم</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="435" />
            <source>No</source>
            <translation type="unfinished">لا</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="259" />
            <source>Day</source>
            <translation type="unfinished">اليوم</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="260" />
            <source>Month</source>
            <translation type="unfinished">الشهر</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="261" />
            <source>Year</source>
            <translation type="unfinished">السنة</translation>
        </message>
    </context>
    <context>
        <name>HomeScreen</name>
        <message>
            <location filename="../../kiosk/ui/screens/home.py" line="40" />
            <source>Welcome to the {name}</source>
            <translation type="unfinished">مرحبًا بك في {name}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/home.py" line="42" />
            <source>How can we help you? Touch one of the buttons.</source>
            <translation type="unfinished">كيف يمكننا مساعدتك؟ المس أحد الأزرار.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/home.py" line="45" />
            <source>Services</source>
            <translation type="unfinished">الخدمات</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/home.py" line="46" />
            <source>Find care, help at home, courses and local shops</source>
            <translation type="unfinished">رعاية، مساعدة في البيت، دورات ومحلات قريبة</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/home.py" line="51" />
            <source>Calls and subsidies</source>
            <translation type="unfinished">المساعدات والإعانات</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/home.py" line="52" />
            <source>Food vouchers, contributions and help from the Comune</source>
            <translation type="unfinished">قسائم الطعام والمساعدات من البلدية</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/home.py" line="57" />
            <source>Ask a welfare manager for help</source>
            <translation type="unfinished">اطلب المساعدة من الموظف</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/home.py" line="58" />
            <source>A person at the Social Point will help you</source>
            <translation type="unfinished">سيساعدك موظف في Social Point</translation>
        </message>
    </context>
    <context>
        <name>IdentifyBox</name>
        <message>
            <location filename="../../kiosk/ui/widgets/identify.py" line="125" />
            <source>Your codice fiscale (or pass your health card)</source>
            <translation type="unfinished">رمزك الضريبي (codice fiscale) أو مرّر البطاقة الصحية</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/identify.py" line="129" />
            <source>Next ›</source>
            <translation type="unfinished">التالي ›</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/identify.py" line="131" />
            <source>A phone number, to call you if something goes wrong (optional)</source>
            <translation type="unfinished">رقم هاتف، لنتصل بك إذا حدثت مشكلة (اختياري)</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/identify.py" line="148" />
            <source>The wallet PIN has 6 to 8 digits.</source>
            <translation type="unfinished">الرقم السري للمحفظة من 6 إلى 8 أرقام.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/identify.py" line="190" />
            <source>Wallet PIN (only for the credit)</source>
            <translation type="unfinished">الرقم السري لمحفظتك (فقط للدفع برصيد الرعاية)</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/identify.py" line="190" />
            <source>Your wallet PIN</source>
            <translation type="unfinished">الرقم السري لمحفظتك</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/identify.py" line="195" />
            <source>6 to 8 digits, from the Comune&apos;s letter or set at the Social Point desk</source>
            <translation type="unfinished">من 6 إلى 8 أرقام، من رسالة البلدية أو يُحدَّد عند مكتب Social Point</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="359" />
            <source>Cart ({n}) · {total}</source>
            <translation type="unfinished">السلة ({n}) · {total}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="407" />
            <source>End the assisted session?</source>
            <translation type="unfinished">هل تريد إنهاء المساعدة؟</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="408" />
            <source>What the citizen was doing and has not sent is forgotten.</source>
            <translation type="unfinished">ما كان المواطن يفعله ولم يرسله سيُنسى.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="409" />
            <source>No, go on</source>
            <translation type="unfinished">لا، تابع</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="410" />
            <source>Yes, end it</source>
            <translation type="unfinished">نعم، أنهِها</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="433" />
            <source>Assisted by {name}</source>
            <translation type="unfinished">بمساعدة {name}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="489" />
            <source>Calling the welfare managers of this Social Point…</source>
            <translation type="unfinished">نتصل بموظفي Social Point هذا…</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="492" />
            <source>The welfare managers of this Social Point have been called: someone will come to you. You can also go to the desk.</source>
            <translation type="unfinished">تم استدعاء موظفي Social Point هذا: سيأتي إليك أحدهم. يمكنك أيضًا الذهاب إلى المكتب.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="498" />
            <source>Nobody could be called from here right now. Please go to the desk and tell the welfare manager that you need help.</source>
            <translation type="unfinished">لم نتمكن من استدعاء أحد من هنا الآن. يرجى الذهاب إلى المكتب وإخبار الموظف أنك تحتاج إلى مساعدة.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="503" />
            <source>The desk is staffed: {hours}</source>
            <translation type="unfinished">المكتب مفتوح: {hours}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="505" />
            <source>Where: {address}</source>
            <translation type="unfinished">المكان: {address}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="508" />
            <source>If nobody is here, call {phone}</source>
            <translation type="unfinished">إذا لم يكن هنا أحد، اتصل بالرقم {phone}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="513" />
            <source>We are here to help</source>
            <translation type="unfinished">نحن هنا لمساعدتك</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="513" />
            <source>OK</source>
            <translation type="unfinished">فهمت</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="518" />
            <source>{name} {version}, free software under the {licence} licence: {url}</source>
            <translation type="unfinished">{name} {version}، برنامج حر بترخيص {licence}: {url}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="530" />
            <source>◐ High contrast</source>
            <translation type="unfinished">◐ تباين عالٍ</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="551" />
            <source>Comune of {name}</source>
            <translation type="unfinished">بلدية {name}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="552" />
            <source>‹ Back</source>
            <translation type="unfinished">‹ رجوع</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="553" />
            <source>⌂ Home</source>
            <translation type="unfinished">⌂ البداية</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="554" />
            <source>Ask for help</source>
            <translation type="unfinished">اطلب المساعدة</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="530" />
            <source>A+ Larger text</source>
            <translation type="unfinished">⁦A+⁩ خط أكبر</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="556" />
            <source>End assisted session</source>
            <translation type="unfinished">إنهاء المساعدة</translation>
        </message>
    </context>
    <context>
        <name>ManagerDeskScreen</name>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="1" />
            <source>⚠ Wallets locked by wrong PINs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="1" />
            <source>The kiosk cannot tell whose wallets these are. A citizen whose PIN does not work: check an identity document, then set a new PIN.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="1" />
            <source>Set a wallet PIN</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="1" />
            <source>No wallet is locked.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="1" />
            <source>Locked by the platform after 10 wrong PINs at the Comune&apos;s kiosks: %n. They stay locked until a new PIN is set.</source>
            <translation type="unfinished">
                <numerusform>أقفلتها المنصة بعد 10 أرقام سرية خاطئة في أجهزة البلدية: %n. تبقى مقفلة حتى يُعيَّن رقم سري جديد.</numerusform>
                <numerusform>أقفلتها المنصة بعد 10 أرقام سرية خاطئة في أجهزة البلدية: %n. تبقى مقفلة حتى يُعيَّن رقم سري جديد.</numerusform>
                <numerusform>أقفلتها المنصة بعد 10 أرقام سرية خاطئة في أجهزة البلدية: %n. تبقى مقفلة حتى يُعيَّن رقم سري جديد.</numerusform>
                <numerusform>أقفلتها المنصة بعد 10 أرقام سرية خاطئة في أجهزة البلدية: %n. تبقى مقفلة حتى يُعيَّن رقم سري جديد.</numerusform>
                <numerusform>أقفلتها المنصة بعد 10 أرقام سرية خاطئة في أجهزة البلدية: %n. تبقى مقفلة حتى يُعيَّن رقم سري جديد.</numerusform>
                <numerusform>أقفلتها المنصة بعد 10 أرقام سرية خاطئة في أجهزة البلدية: %n. تبقى مقفلة حتى يُعيَّن رقم سري جديد.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="1" />
            <source>Locked at this kiosk after 5 wrong PINs: %n. The first opens again at {time}.</source>
            <translation type="unfinished">
                <numerusform>مقفلة في هذا الجهاز بعد 5 أرقام سرية خاطئة: %n. يُفتح أولها مجددًا في الساعة {time}.</numerusform>
                <numerusform>مقفلة في هذا الجهاز بعد 5 أرقام سرية خاطئة: %n. تُفتح مجددًا في الساعة {time}.</numerusform>
                <numerusform>مقفلة في هذا الجهاز بعد 5 أرقام سرية خاطئة: %n. يُفتح أولها مجددًا في الساعة {time}.</numerusform>
                <numerusform>مقفلة في هذا الجهاز بعد 5 أرقام سرية خاطئة: %n. يُفتح أولها مجددًا في الساعة {time}.</numerusform>
                <numerusform>مقفلة في هذا الجهاز بعد 5 أرقام سرية خاطئة: %n. يُفتح أولها مجددًا في الساعة {time}.</numerusform>
                <numerusform>مقفلة في هذا الجهاز بعد 5 أرقام سرية خاطئة: %n. يُفتح أولها مجددًا في الساعة {time}.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="1" />
            <source>Citizens&apos; wallets</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="133" />
            <source>Operator area</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="136" />
            <source>Log out</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="138" />
            <source>Sync started: the figures update when it ends.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="139" />
            <source>That did not work. Nothing was lost; try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="140" />
            <source>Sync done: the figures below are up to date.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="142" />
            <source>The sync did not succeed: the reason is under “Platform”. Nothing was lost; it will be tried again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="171" />
            <source>⚠ A citizen is asking for help</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="173" />
            <source>Asked at this kiosk at {times}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="175" />
            <source>I am on my way</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="190" />
            <source>Platform</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="193" />
            <source>This kiosk is not linked to a platform.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="195" />
            <source>Not synced yet since the kiosk started.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="197" />
            <source>Online</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="197" />
            <source>Offline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="203" />
            <source>Detail: {detail}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="205" />
            <source>never</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="206" />
            <source>Last successful sync: {time}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="208" />
            <source>Records waiting to be sent: {n}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="209" />
            <source>Sync now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="219" />
            <source>The platform refused the kiosk's request. If it persists, call the platform's help desk: the kiosk may need to be enrolled again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="223" />
            <source>The platform has switched this kiosk off: it no longer sends or receives anything. What is waiting stays saved here. The platform's reason is below; call the platform's help desk to enroll the kiosk again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="228" />
            <source>The platform sent data the kiosk cannot accept. The kiosk keeps what it had and tries again; if it persists, call the platform's help desk.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="232" />
            <source>The kiosk is not enrolled with the platform: it needs a new enrollment code from the platform's help desk.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="236" />
            <source>The kiosk cannot save to its disk (full or failing). What is already saved is kept and will be sent, but new purchases and applications cannot be taken: call technical support.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="242" />
            <source>The last sync failed for an unexpected reason; it will be tried again. If it persists, call technical support (the kiosk's log says more).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="270" />
            <source>⚠ The kiosk's clock is wrong</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="270" />
            <source>This kiosk&apos;s clock is %n minute(s) ahead of the platform&apos;s.</source>
            <translation type="unfinished">
                <numerusform>ساعة هذا الجهاز متقدمة عن ساعة المنصة بمقدار %n دقيقة.</numerusform>
                <numerusform>ساعة هذا الجهاز متقدمة عن ساعة المنصة بمقدار دقيقة واحدة.</numerusform>
                <numerusform>ساعة هذا الجهاز متقدمة عن ساعة المنصة بمقدار دقيقتين.</numerusform>
                <numerusform>ساعة هذا الجهاز متقدمة عن ساعة المنصة بمقدار %n دقائق.</numerusform>
                <numerusform>ساعة هذا الجهاز متقدمة عن ساعة المنصة بمقدار %n دقيقة.</numerusform>
                <numerusform>ساعة هذا الجهاز متقدمة عن ساعة المنصة بمقدار %n دقيقة.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="270" />
            <source>This kiosk&apos;s clock is %n minute(s) behind the platform&apos;s.</source>
            <translation type="unfinished">
                <numerusform>ساعة هذا الجهاز متأخرة عن ساعة المنصة بمقدار %n دقيقة.</numerusform>
                <numerusform>ساعة هذا الجهاز متأخرة عن ساعة المنصة بمقدار دقيقة واحدة.</numerusform>
                <numerusform>ساعة هذا الجهاز متأخرة عن ساعة المنصة بمقدار دقيقتين.</numerusform>
                <numerusform>ساعة هذا الجهاز متأخرة عن ساعة المنصة بمقدار %n دقائق.</numerusform>
                <numerusform>ساعة هذا الجهاز متأخرة عن ساعة المنصة بمقدار %n دقيقة.</numerusform>
                <numerusform>ساعة هذا الجهاز متأخرة عن ساعة المنصة بمقدار %n دقيقة.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="270" />
            <source>Deadlines are decided by the platform's clock, but the times on the screen and on receipts are wrong. Call technical support to set the clock (timedatectl set-ntp true).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="247" />
            <source>⚠ Personal data waiting too long</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="250" />
            <source>Records with citizens' data not yet on the platform: {n}; the oldest is from {time}. Check the network and press “Sync now”; if it persists, call the platform's help desk. Keeping them longer needs the Comune's consent.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="315" />
            <source>⚠ Damaged records on this kiosk: {n}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="321" />
            <source>The kiosk can no longer read these records: they were damaged on its disk. They are left out of the figures and the day report, and those not yet sent stay here; all the others go on as usual. Call technical support (“social-point doctor” checks the kiosk).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="259" />
            <source>Refused by the platform: {n}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="262" />
            <source>Nothing refused.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="269" />
            <source>Platform records set aside: {n}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="273" />
            <source>The kiosk could not use these records from the platform. It goes on with all the others and takes a corrected version as soon as the platform publishes one; the platform has been told. If one stays here, call the platform's help desk.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="288" />
            <source>Application</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="288" />
            <source>Order</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="281" />
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="293" />
            <source>Reason: {message}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="294" />
            <source>What to do: {advice}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="303" />
            <source>some answers did not pass the Comune's checks: call the citizen and make the application again with them.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="328" />
            <source>Printer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="330" />
            <source>Slips waiting to print: {n}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="333" />
            <source>The paper roll is nearly finished: put in a new one soon.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="336" />
            <source>Slips to check: {n}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="339" />
            <source>may not have printed whole: check the paper</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="340" />
            <source>not printed in time, no longer printed by itself</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="341" />
            <source>could not be printed: the kiosk's log says why</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="341" />
            <source>damaged on the kiosk's disk: it cannot be printed again; mark it as dealt with</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="345" />
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="366" />
            <source>Reprint</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="348" />
            <source>Dealt with</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="352" />
            <source>Print a test page</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="358" />
            <source>Reprint a recent slip</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="361" />
            <source>No slips printed recently.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="370" />
            <source>A reprint is marked DUPLICATO.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="374" />
            <source>Actions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="375" />
            <source>Start an assisted session</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="377" />
            <source>Print the end-of-day report</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="379" />
            <source>Touch again to close the kiosk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="380" />
            <source>Leave the kiosk for maintenance</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="324" />
            <source>Record</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="329" />
            <source>Number on the citizen&apos;s slip: {reference}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="335" />
            <source>Why: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="341" />
            <source>How was it dealt with?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="343" />
            <source>Made again with the citizen</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="344" />
            <source>The citizen has been told</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="345" />
            <source>The citizen could not be reached</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="353" />
            <source>Not now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="357" />
            <source>Mark as dealt with</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="365" />
            <source>Call {name} on {phones}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="367" />
            <source>Call the citizen on {phones}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="369" />
            <source>The citizen left no phone number: when they come back, they have the number {reference} on their slip.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="376" />
            <source>the record reached the platform incomplete or damaged (a fault of the totem&apos;s software, not of the citizen).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="379" />
            <source>the platform did not accept the vouchers of this order.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="380" />
            <source>the form it was made on is not the one the call uses now.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="382" />
            <source>some answers did not pass the Comune&apos;s checks.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="383" />
            <source>the form changed on the platform after it was made.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="386" />
            <source>the call is no longer on the platform.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="387" />
            <source>it reached the platform after the call had closed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="387" />
            <source>it was made before the call opened.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="389" />
            <source>the welfare manager who assisted is not known to the platform.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="392" />
            <source>the payment at the desk was not confirmed by a welfare manager of this Social Point.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="395" />
            <source>the service is no longer offered.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="396" />
            <source>the price changed on the platform.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="397" />
            <source>the service cannot be paid the way chosen.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="398" />
            <source>the citizen has no credit on the platform.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="399" />
            <source>the credit was not enough when the order arrived.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="401" />
            <source>the platform already had a different record with the same number; both are kept for the platform&apos;s staff.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="490" />
            <source>the platform already had another application with the same tracking code and codice fiscale.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="418" />
            <source>the platform did not say why in a way this totem knows.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="422" />
            <source>call the platform&apos;s help desk with the date and the number of the slip above.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="425" />
            <source>call the citizen and make the application again with them on the form the call uses now.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="437" />
            <source>call the citizen, tell them the new price (see the service) and, if they agree, make the order again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="440" />
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="441" />
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="442" />
            <source>call the citizen to choose another way to pay.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="444" />
            <source>call the citizen: the service is no longer offered; help them choose another.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="446" />
            <source>tell the citizen; the Comune decides on late applications.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="446" />
            <source>call the citizen and make the application again with them once the call is open.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="447" />
            <source>tell the citizen; ask the Comune what to do.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="538" />
            <source>call the citizen and make the application again with them: it gets a new tracking code.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="465" />
            <source>Printer: {state}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="474" />
            <source>waiting: {why}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="494" />
            <source>ready</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="495" />
            <source>the paper roll is nearly finished</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="496" />
            <source>out of paper: put in a new roll</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="497" />
            <source>the cover is open: close it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="498" />
            <source>not ready (an error or the feed button): switch it off and on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="499" />
            <source>it does not answer: switch it off and on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="501" />
            <source>what answers at the printer&apos;s address is not a printer: call technical support</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="504" />
            <source>cannot be reached: check that it is switched on and its cable is in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="506" />
            <source>connected (it cannot report paper or cover)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="507" />
            <source>no printer is configured: slips are only shown on screen</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="509" />
            <source>in a state the totem does not know: check it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="505" />
            <source>the record was larger than the platform takes (very long answers or too many of them).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="509" />
            <source>the totem&apos;s clock was wrong when the record was made, so the platform could not tell when it was made.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="512" />
            <source>the citizen&apos;s wallet is locked after too many wrong PINs.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="514" />
            <source>the platform does not know the wallet the order names (it may have been replaced since).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="518" />
            <source>the order did not show the citizen&apos;s wallet PIN as the platform has it (it may have changed since).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="522" />
            <source>the confirmation it carried (the citizen&apos;s wallet PIN, or a welfare manager&apos;s for a desk payment) had already paid another order.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="526" />
            <source>an order paid with credit did not name the citizen&apos;s wallet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="529" />
            <source>the platform could not confirm that the welfare manager who assisted was logged in on this totem.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="533" />
            <source>the platform refused the new wallet PIN as too easy.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="535" />
            <source>the new wallet PIN waited too long to be sent (the totem was offline).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="529" />
            <source>the platform could not confirm the welfare manager&apos;s login at this totem for this Comune.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="541" />
            <source>the citizen&apos;s wallet belongs to another Comune.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="594" />
            <source>call the citizen and make it again with them with shorter answers; if it is refused again, call the platform&apos;s help desk.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="598" />
            <source>have the totem&apos;s clock set right (the dashboard shows it), then call the citizen and make it again with them.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="602" />
            <source>call the citizen: with an identity document they get a new PIN from you (Set a wallet PIN) or from the Comune, then make the order again with them; or they pay another way.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="566" />
            <source>call the citizen and make the order again with them: they open their wallet with their PIN again, or pay another way.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="566" />
            <source>call the citizen and make the order again with them: they type their wallet PIN again, or pay another way.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="566" />
            <source>call the citizen and make the order again with them: the PIN is typed again for the new order (a desk payment is confirmed again by you).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="566" />
            <source>call the citizen and make the order again with them: they open their wallet with their PIN before paying with credit, or pay another way.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="623" />
            <source>log in again, then call the citizen and make it again with them; if it is refused again, call the platform&apos;s help desk.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="626" />
            <source>set a new PIN with the citizen again, a harder one.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="627" />
            <source>set the PIN again with the citizen once the totem is online.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="629" />
            <source>log out, log in again and set the PIN again with the citizen.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="632" />
            <source>tell the citizen: their PIN is set at a Social Point of that Comune, or by that Comune&apos;s offices.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ManagerLoginScreen</name>
        <message>
            <location filename="../../kiosk/ui/screens/manager_login.py" line="107" />
            <source>Type your operator code and your PIN.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/screens/manager_login.py" line="107" />
            <source>%n digit(s), hidden</source>
            <translation type="unfinished">
                <numerusform>لا أرقام، مخفية</numerusform>
                <numerusform>رقم واحد، مخفي</numerusform>
                <numerusform>رقمان، مخفيان</numerusform>
                <numerusform>%n أرقام، مخفية</numerusform>
                <numerusform>%n رقمًا، مخفية</numerusform>
                <numerusform>%n رقم، مخفية</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_login.py" line="127" />
            <source>Too many wrong PINs: this code is locked until {time}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_login.py" line="131" />
            <source>This operator is not enabled at this Social Point.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_login.py" line="132" />
            <source>Operator code or PIN not right. Tries left: {n}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_login.py" line="137" />
            <source>Operator access</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_login.py" line="139" />
            <source>For welfare managers only. Type your operator code and your PIN.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_login.py" line="141" />
            <location filename="../../kiosk/ui/screens/manager_login.py" line="146" />
            <source>Operator code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_login.py" line="142" />
            <location filename="../../kiosk/ui/screens/manager_login.py" line="147" />
            <source>PIN</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_login.py" line="150" />
            <source>Checking…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_login.py" line="151" />
            <source>Log in</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>NoticeView</name>
        <message>
            <location filename="../../kiosk/ui/widgets/privacy_notice.py" line="53" />
            <source>Before you give any personal data, please read how it will be used. You can print this notice and take it with you.</source>
            <translation type="unfinished">قبل أن تعطي أي بيانات شخصية، اقرأ كيف ستُستخدم. يمكنك طباعة هذا الإشعار وأخذه معك.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/privacy_notice.py" line="21" />
            <source>Print the notice</source>
            <translation type="unfinished">اطبع الإشعار</translation>
        </message>
    </context>
    <context>
        <name>NumericKeypad</name>
        <message>
            <location filename="../../kiosk/ui/widgets/keypad.py" line="41" />
            <source>Delete</source>
            <translation type="unfinished">حذف</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keypad.py" line="42" />
            <source>OK, confirm</source>
            <translation type="unfinished">OK، تأكيد</translation>
        </message>
    </context>
    <context>
        <name>OnScreenKeyboard</name>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="171" />
            <source>Type names in Latin letters (pinyin), as on your documents.</source>
            <translation type="unfinished">اكتب الأسماء بالحروف اللاتينية (pinyin)، كما في وثائقك.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="172" />
            <source>Other letters</source>
            <translation type="unfinished">حروف أخرى</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="174" />
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="175" />
            <source>space</source>
            <translation type="unfinished">مسافة</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="176" />
            <source>Delete</source>
            <translation type="unfinished">حذف</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="177" />
            <source>Capital letters</source>
            <translation type="unfinished">أحرف كبيرة</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="178" />
            <source>Close</source>
            <translation type="unfinished">إغلاق</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="182" />
            <source>apostrophe</source>
            <translation type="unfinished">فاصلة علوية</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="182" />
            <source>comma</source>
            <translation type="unfinished">فاصلة</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="182" />
            <source>full stop</source>
            <translation type="unfinished">نقطة</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="183" />
            <source>hyphen</source>
            <translation type="unfinished">شرطة</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="183" />
            <source>minus</source>
            <translation type="unfinished">ناقص</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="183" />
            <source>at sign</source>
            <translation type="unfinished">علامة @</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="183" />
            <source>underscore</source>
            <translation type="unfinished">شرطة سفلية</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="184" />
            <source>slash</source>
            <translation type="unfinished">شرطة مائلة</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="184" />
            <source>plus</source>
            <translation type="unfinished">زائد</translation>
        </message>
    </context>
    <context>
        <name>OutOfService</name>
        <message>
            <location filename="../../kiosk/ui/widgets/out_of_service.py" line="44" />
            <source>This kiosk is out of service for a moment</source>
            <translation type="unfinished">هذا الجهاز خارج الخدمة مؤقتًا</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/out_of_service.py" line="46" />
            <source>Please ask the welfare manager at the desk for help, or come back later.</source>
            <translation type="unfinished">يرجى طلب المساعدة من الموظف في المكتب، أو العودة لاحقًا.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/out_of_service.py" line="50" />
            <source>For the staff: the kiosk cannot start ({reason}). It tries again every minute; social-point doctor says more.</source>
            <translation type="unfinished">للموظفين: لا يستطيع الجهاز بدء التشغيل ({reason}). يعيد المحاولة كل دقيقة؛ يقدّم social-point doctor المزيد من التفاصيل.</translation>
        </message>
    </context>
    <context>
        <name>PrintController</name>
        <message>
            <location filename="../../kiosk/ui/controllers/printer.py" line="93" />
            <source>Printing is not possible right now</source>
            <translation type="unfinished">الطباعة غير ممكنة الآن</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/controllers/printer.py" line="94" />
            <source>Nothing was lost. Please ask the welfare manager at the desk.</source>
            <translation type="unfinished">لم يضع شيء. يرجى سؤال الموظف في المكتب.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/controllers/printer.py" line="95" />
            <source>OK</source>
            <translation type="unfinished">فهمت</translation>
        </message>
    </context>
    <context>
        <name>PrintPanel</name>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="89" />
            <source>Your printout</source>
            <translation type="unfinished">ورقتك المطبوعة</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="90" />
            <source>Done</source>
            <translation type="unfinished">تم</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="97" />
            <source>Show this screen to the welfare manager, or take a photo of it.</source>
            <translation type="unfinished">أظهر هذه الشاشة للموظف، أو التقط لها صورة.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="98" />
            <source>This Social Point has no printer</source>
            <translation type="unfinished">لا توجد طابعة في Social Point هذا</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="100" />
            <source>Printed</source>
            <translation type="unfinished">تمت الطباعة</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="100" />
            <source>Take your sheet from the printer.</source>
            <translation type="unfinished">خذ ورقتك من الطابعة.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="102" />
            <source>This sheet could not be printed</source>
            <translation type="unfinished">تعذّرت طباعة هذه الورقة</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="103" />
            <source>Ask the welfare manager for it: nothing is lost.</source>
            <translation type="unfinished">اطلبها من الموظف: لم يضع شيء.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="105" />
            <source>Printing stopped half-way</source>
            <translation type="unfinished">توقفت الطباعة في منتصفها</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="106" />
            <source>Ask the welfare manager for a copy: nothing is lost.</source>
            <translation type="unfinished">اطلب نسخة من الموظف: لم يضع شيء.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="111" />
            <source>The printer is out of paper</source>
            <translation type="unfinished">نفد الورق من الطابعة</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="113" />
            <source>Please tell the welfare manager at the desk, or tap “Ask for help”. Your sheet prints as soon as the paper is changed.</source>
            <translation type="unfinished">يرجى إخبار الموظف في المكتب، أو المس «اطلب المساعدة». ستُطبع ورقتك بعد تغيير الورق مباشرة.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="119" />
            <source>The printer cover is open</source>
            <translation type="unfinished">غطاء الطابعة مفتوح</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="121" />
            <source>Please tell the welfare manager at the desk, or tap “Ask for help”. Your sheet prints as soon as it is closed.</source>
            <translation type="unfinished">يرجى إخبار الموظف في المكتب، أو المس «اطلب المساعدة». ستُطبع ورقتك بعد إغلاقه مباشرة.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="127" />
            <source>The printer is not answering</source>
            <translation type="unfinished">الطابعة لا تستجيب</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="129" />
            <source>Please tell the welfare manager at the desk, or tap “Ask for help”. Your sheet prints as soon as the printer is back.</source>
            <translation type="unfinished">يرجى إخبار الموظف في المكتب، أو المس «اطلب المساعدة». ستُطبع ورقتك عندما تعود الطابعة إلى العمل.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="133" />
            <source>Printing…</source>
            <translation type="unfinished">جارٍ الطباعة…</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="133" />
            <source>This is what is being printed.</source>
            <translation type="unfinished">هذا ما تتم طباعته.</translation>
        </message>
    </context>
    <context>
        <name>Privacy</name>
        <message>
            <location filename="../../kiosk/core/privacy.py" line="26" />
            <source>Data controller</source>
            <translation type="unfinished">المسؤول عن معالجة البيانات</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/privacy.py" line="27" />
            <source>Why your data is used</source>
            <translation type="unfinished">لماذا تُستخدم بياناتك</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/privacy.py" line="28" />
            <source>Legal basis</source>
            <translation type="unfinished">الأساس القانوني</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/privacy.py" line="29" />
            <source>How long it is kept</source>
            <translation type="unfinished">مدة الاحتفاظ بها</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/privacy.py" line="30" />
            <source>Your rights</source>
            <translation type="unfinished">حقوقك</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/privacy.py" line="31" />
            <source>Data protection officer</source>
            <translation type="unfinished">مسؤول حماية البيانات</translation>
        </message>
    </context>
    <context>
        <name>ReviewView</name>
        <message>
            <location filename="../../kiosk/ui/widgets/application_review.py" line="31" />
            <source>Change</source>
            <translation type="unfinished">تعديل</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/application_review.py" line="48" />
            <source>The Comune examines every application: this kiosk does not decide who is admitted.</source>
            <translation type="unfinished">البلدية تدرس كل طلب: هذا الجهاز لا يقرر من يُقبل.</translation>
        </message>
    </context>
    <context>
        <name>ScanNotice</name>
        <message>
            <location filename="../../kiosk/ui/widgets/scan_notice.py" line="87" />
            <source>Code read</source>
            <translation type="unfinished">تمت قراءة الرمز</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/scan_notice.py" line="88" />
            <source>It is not needed on this page. You can carry on.</source>
            <translation type="unfinished">هذا الرمز غير مطلوب في هذه الصفحة. يمكنك المتابعة.</translation>
        </message>
    </context>
    <context>
        <name>ServiceDetailScreen</name>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="144" />
            <source>Print these details</source>
            <translation type="unfinished">اطبع هذه المعلومات</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="147" />
            <source>This service is no longer in the catalog.</source>
            <translation type="unfinished">هذه الخدمة لم تعد في القائمة.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="156" />
            <source>Add to cart</source>
            <translation type="unfinished">أضف إلى السلة</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="158" />
            <source>✓ In your cart: {amount}. Change how many in the cart.</source>
            <translation type="unfinished">✓ في السلة: {amount}. غيّر العدد من السلة.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="160" />
            <source>Open the cart</source>
            <translation type="unfinished">افتح السلة</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="162" />
            <source>Who can use it</source>
            <translation type="unfinished">من يمكنه استعمالها</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="165" />
            <source>Residents of: {comuni}</source>
            <translation type="unfinished">سكان: {comuni}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="168" />
            <source>Everyone, whichever Comune they live in</source>
            <translation type="unfinished">الجميع، في أي بلدية يسكنون</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="169" />
            <source>Who provides it</source>
            <translation type="unfinished">من يقدّمها</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="173" />
            <source>Phone: {phone}</source>
            <translation type="unfinished">الهاتف: {phone}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="178" />
            <source>E-mail: {email}</source>
            <translation type="unfinished">البريد الإلكتروني: {email}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="180" />
            <source>Address: {address}</source>
            <translation type="unfinished">العنوان: {address}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="182" />
            <source>Scan with your phone to save the provider's contact</source>
            <translation type="unfinished">امسح الرمز بهاتفك لحفظ رقم مقدّم الخدمة</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="190" />
            <source>Privacy notice</source>
            <translation type="unfinished">إشعار الخصوصية</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="207" />
            <source>Your cart already holds {n} services, as many as one order can take. Complete this order first, then add this service in a new one.</source>
            <translation type="unfinished">في سلتك بالفعل {n} خدمة، وهو أقصى ما يمكن أن يتضمنه طلب واحد. أكمل هذا الطلب أولًا، ثم أضف هذه الخدمة في طلب جديد.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="198" />
            <source>One less</source>
            <translation type="unfinished">واحد أقل</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="199" />
            <source>One more</source>
            <translation type="unfinished">واحد أكثر</translation>
        </message>
    </context>
    <context>
        <name>ServiceListScreen</name>
        <message>
            <location filename="../../kiosk/ui/screens/service_list.py" line="74" />
            <source>Services for residents of {comune}</source>
            <translation type="unfinished">خدمات لسكان {comune}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_list.py" line="76" />
            <source>Services for residents of every Comune of the network</source>
            <translation type="unfinished">خدمات لسكان كل بلديات الشبكة</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/screens/service_list.py" line="103" />
            <source>Show more services (%n more)</source>
            <translation type="unfinished">
                <numerusform>اعرض خدمات أخرى</numerusform>
                <numerusform>اعرض خدمة أخرى</numerusform>
                <numerusform>اعرض خدمتين أخريين</numerusform>
                <numerusform>اعرض %n خدمات أخرى</numerusform>
                <numerusform>اعرض %n خدمة أخرى</numerusform>
                <numerusform>اعرض %n خدمة أخرى</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Slips</name>
        <message>
            <location filename="../../kiosk/core/applying.py" line="87" />
            <source>The Comune will contact you after examining the application.</source>
            <translation type="unfinished">ستتصل بك البلدية بعد دراسة الطلب.</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/applying.py" line="88" />
            <source>Keep this receipt: you need it to ask how your application is going.</source>
            <translation type="unfinished">احتفظ بهذا الإيصال: تحتاجه لمعرفة حالة طلبك.</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/purchasing.py" line="47" />
            <source>You pay the provider when you get the service. The kiosk never takes money.</source>
            <translation type="unfinished">تدفع لمقدّم الخدمة عندما تحصل على الخدمة. هذا الجهاز لا يأخذ المال أبدًا.</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/purchasing.py" line="49" />
            <source>Paid with your welfare credit. The kiosk never takes money.</source>
            <translation type="unfinished">تم الدفع من رصيد المساعدة. هذا الجهاز لا يأخذ المال أبدًا.</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/purchasing.py" line="51" />
            <source>Paid at the Social Point desk.</source>
            <translation type="unfinished">تم الدفع في مكتب Social Point.</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/purchasing.py" line="53" />
            <source>One voucher per service comes out: show it to the provider.</source>
            <translation type="unfinished">تخرج قسيمة لكل خدمة: أظهرها لمقدّم الخدمة.</translation>
        </message>
    </context>
    <context>
        <name>SpokenMode</name>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="122" />
            <source>Spoken mode is on. Arrows or Tab move between controls, OK chooses, the back key goes back, the help key asks for help, F5 repeats, plus and minus change the volume.</source>
            <translation type="unfinished">الوضع الصوتي مفعّل. الأسهم أو Tab للتنقل بين العناصر، OK للاختيار، زر الرجوع للعودة، زر المساعدة لطلب المساعدة، F5 للتكرار، زائد وناقص لتغيير مستوى الصوت.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="158" />
            <source>text field</source>
            <translation type="unfinished">حقل نص</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="161" />
            <location filename="../../kiosk/ui/spoken_mode.py" line="176" />
            <source>empty</source>
            <translation type="unfinished">فارغ</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/spoken_mode.py" line="163" />
            <source>%n character(s), hidden</source>
            <translation type="unfinished">
                <numerusform>لا أحرف، مخفية</numerusform>
                <numerusform>حرف واحد، مخفي</numerusform>
                <numerusform>حرفان، مخفيان</numerusform>
                <numerusform>%n أحرف، مخفية</numerusform>
                <numerusform>%n حرفًا، مخفية</numerusform>
                <numerusform>%n حرف، مخفية</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="165" />
            <location filename="../../kiosk/ui/spoken_mode.py" line="172" />
            <source>contains {text}</source>
            <translation type="unfinished">يحتوي على {text}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="167" />
            <location filename="../../kiosk/ui/spoken_mode.py" line="174" />
            <source>filled in, hidden: use a headset to hear it</source>
            <translation type="unfinished">مملوء، مخفي: استخدم سماعات الرأس لسماعه</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="177" />
            <source>button</source>
            <translation type="unfinished">زر</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="179" />
            <source>selected</source>
            <translation type="unfinished">محدد</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="179" />
            <source>not selected</source>
            <translation type="unfinished">غير محدد</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="181" />
            <source>not available</source>
            <translation type="unfinished">غير متاح</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="193" />
            <source>Screen: {title}</source>
            <translation type="unfinished">الشاشة: {title}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="217" />
            <source>A receipt is being printed. Use a headset to hear what it says.</source>
            <translation type="unfinished">تتم طباعة إيصال. استخدم سماعات الرأس لسماع ما فيه.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="269" />
            <source>Error: {text}</source>
            <translation type="unfinished">خطأ: {text}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="306" />
            <source>Volume {n} percent</source>
            <translation type="unfinished">مستوى الصوت {n} بالمئة</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="82" />
            <source>plus</source>
            <translation type="unfinished">زائد</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="82" />
            <source>less than</source>
            <translation type="unfinished">أقل من</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="82" />
            <source>more than</source>
            <translation type="unfinished">أكثر من</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="252" />
            <source>Personal details are not read on the loudspeaker: use a headset.</source>
            <translation type="unfinished">لا تُقرأ البيانات الشخصية عبر مكبر الصوت: استخدم سماعات الرأس.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="265" />
            <source>a message with personal details: use a headset to hear it</source>
            <translation type="unfinished">رسالة فيها بيانات شخصية: استخدم سماعات الرأس لسماعها</translation>
        </message>
    </context>
    <context>
        <name>StillTherePanel</name>
        <message>
            <location filename="../../kiosk/ui/widgets/still_there.py" line="76" />
            <source>Are you still there?</source>
            <translation type="unfinished">هل ما زلت هنا؟</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/widgets/still_there.py" line="77" />
            <source>%n second(s)</source>
            <translation type="unfinished">
                <numerusform>لا ثوانٍ</numerusform>
                <numerusform>ثانية واحدة</numerusform>
                <numerusform>ثانيتان</numerusform>
                <numerusform>%n ثوانٍ</numerusform>
                <numerusform>%n ثانية</numerusform>
                <numerusform>%n ثانية</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/still_there.py" line="79" />
            <source>When the time runs out, what you entered is cleared so the next person cannot see it, and the kiosk goes back to the start.</source>
            <translation type="unfinished">عندما ينتهي الوقت، يُمسح ما كتبته لكي لا يراه الشخص التالي، ويعود الجهاز إلى البداية.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/still_there.py" line="81" />
            <source>Continue</source>
            <translation type="unfinished">متابعة</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/still_there.py" line="82" />
            <source>I need more time</source>
            <translation type="unfinished">أحتاج إلى وقت أطول</translation>
        </message>
    </context>
    <context>
        <name>SyncBadge</name>
        <message>
            <location filename="../../kiosk/ui/widgets/sync_badge.py" line="35" />
            <source>● Online</source>
            <translation type="unfinished">● متصل</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/sync_badge.py" line="35" />
            <source>○ Offline</source>
            <translation type="unfinished">○ غير متصل</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/widgets/sync_badge.py" line="37" />
            <source>%n record(s) waiting to be sent</source>
            <translation type="unfinished">
                <numerusform>لا سجلات تنتظر الإرسال</numerusform>
                <numerusform>سجل واحد ينتظر الإرسال</numerusform>
                <numerusform>سجلان ينتظران الإرسال</numerusform>
                <numerusform>%n سجلات تنتظر الإرسال</numerusform>
                <numerusform>%n سجلًا ينتظر الإرسال</numerusform>
                <numerusform>%n سجل ينتظر الإرسال</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/sync_badge.py" line="42" />
            <source>synced at {time}</source>
            <translation type="unfinished">تم التحديث الساعة {time}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/sync_badge.py" line="50" />
            <source>synced on {day} at {time}</source>
            <translation type="unfinished">تم التحديث يوم {day} الساعة {time}</translation>
        </message>
    </context>
    <context>
        <name>Texts</name>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="72" />
            <source>Information only: no booking here</source>
            <translation type="unfinished">معلومات فقط: لا يمكن الحجز هنا</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="74" />
            <source>Free of charge</source>
            <translation type="unfinished">مجاني</translation>
        </message>
    </context>
    <context>
        <name>Units</name>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="18" />
            <source>hour</source>
            <translation type="unfinished">ساعة</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="19" />
            <source>day</source>
            <translation type="unfinished">يوم</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="20" />
            <source>week</source>
            <translation type="unfinished">أسبوع</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="21" />
            <source>month</source>
            <translation type="unfinished">شهر</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="22" />
            <source>meal</source>
            <translation type="unfinished">وجبة</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="23" />
            <source>session</source>
            <translation type="unfinished">جلسة</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="24" />
            <source>course</source>
            <translation type="unfinished">دورة</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="25" />
            <source>ride</source>
            <translation type="unfinished">رحلة</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="26" />
            <source>delivery</source>
            <translation type="unfinished">توصيل</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="27" />
            <source>kg</source>
            <translation type="unfinished">كغ</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="28" />
            <source>visit</source>
            <translation type="unfinished">زيارة</translation>
        </message>
    </context>
    <context>
        <name>Validators</name>
        <message>
            <location filename="../../forms/validators.py" line="25" />
            <source>A codice fiscale has 16 characters: check that you typed them all.</source>
            <translation type="unfinished">الرمز الضريبي (codice fiscale) فيه 16 حرفًا ورقمًا: تأكد أنك كتبتها كلها.</translation>
        </message>
        <message>
            <location filename="../../forms/validators.py" line="28" />
            <source>This codice fiscale is not valid: check its letters and digits.</source>
            <translation type="unfinished">هذا الرمز الضريبي غير صحيح: تحقق من الحروف والأرقام.</translation>
        </message>
        <message>
            <location filename="../../forms/validators.py" line="31" />
            <source>This codice fiscale is not valid: its date of birth does not exist.</source>
            <translation type="unfinished">هذا الرمز الضريبي غير صحيح: تاريخ الميلاد فيه غير موجود.</translation>
        </message>
        <message>
            <location filename="../../forms/validators.py" line="36" />
            <source>This codice fiscale is not valid: a letter or digit is wrong, compare it with the health card.</source>
            <translation type="unfinished">هذا الرمز الضريبي غير صحيح: حرف أو رقم خطأ، قارنه بالبطاقة الصحية.</translation>
        </message>
        <message>
            <location filename="../../forms/validators.py" line="41" />
            <source>An Italian IBAN has 27 characters and starts with IT.</source>
            <translation type="unfinished">رقم IBAN الإيطالي فيه 27 حرفًا ورقمًا ويبدأ بـ IT.</translation>
        </message>
        <message>
            <location filename="../../forms/validators.py" line="44" />
            <source>This IBAN is not valid: check the digits, one may be wrong.</source>
            <translation type="unfinished">رقم IBAN هذا غير صحيح: تحقق من الأرقام، قد يكون أحدها خطأ.</translation>
        </message>
        <message>
            <location filename="../../forms/validators.py" line="47" />
            <source>This IBAN is not valid: check the letter after IT and its two digits (the CIN).</source>
            <translation type="unfinished">رقم IBAN هذا غير صحيح: تحقق من الحرف بعد IT ومن الرقمين بعده (CIN).</translation>
        </message>
        <message>
            <location filename="../../forms/validators.py" line="51" />
            <source>Type a whole phone number, like 347 123 4567 or +40 721 234 567.</source>
            <translation type="unfinished">اكتب رقم هاتف كاملًا، مثلًا 347 123 4567 أو +212 612 345 678.</translation>
        </message>
        <message>
            <location filename="../../forms/validators.py" line="54" />
            <source>This e-mail address is not valid: it should look like name@example.it.</source>
            <translation type="unfinished">عنوان البريد الإلكتروني غير صحيح: يجب أن يكون مثل name@example.it.</translation>
        </message>
        <message>
            <location filename="../../forms/validators.py" line="57" />
            <source>A postcode (CAP) has 5 digits, for example 35016.</source>
            <translation type="unfinished">الرمز البريدي (CAP) فيه 5 أرقام، مثلًا 35016.</translation>
        </message>
    </context>
    <context>
        <name>WalletRefusal</name>
        <message numerus="yes">
            <location filename="../../kiosk/ui/widgets/identify.py" line="266" />
            <source>The codice fiscale or the wallet PIN is not right. Please try again (%n try(ies) left).</source>
            <translation type="unfinished">
                <numerusform>الرمز الضريبي أو الرقم السري للمحفظة غير صحيح. حاول مرة أخرى (لم تبقَ أي محاولة).</numerusform>
                <numerusform>الرمز الضريبي أو الرقم السري للمحفظة غير صحيح. حاول مرة أخرى (بقيت محاولة واحدة).</numerusform>
                <numerusform>الرمز الضريبي أو الرقم السري للمحفظة غير صحيح. حاول مرة أخرى (بقيت محاولتان).</numerusform>
                <numerusform>الرمز الضريبي أو الرقم السري للمحفظة غير صحيح. حاول مرة أخرى (بقيت %n محاولات).</numerusform>
                <numerusform>الرمز الضريبي أو الرقم السري للمحفظة غير صحيح. حاول مرة أخرى (بقيت %n محاولة).</numerusform>
                <numerusform>الرمز الضريبي أو الرقم السري للمحفظة غير صحيح. حاول مرة أخرى (بقيت %n محاولة).</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>WalletScreen</name>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="111" />
            <source>{left} left of {whole}</source>
            <translation type="unfinished">المتبقي {left} من {whole}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="89" />
            <source>Code {code} · valid until {day}</source>
            <translation type="unfinished">الرمز {code} · صالح حتى {day}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="92" />
            <source>Print</source>
            <translation type="unfinished">اطبع</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="98" />
            <source>My vouchers</source>
            <translation type="unfinished">قسائمي</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="115" />
            <source>There are no vouchers in your name to print. If the Comune has just approved yours, it may take a few minutes to reach this kiosk.</source>
            <translation type="unfinished">لا توجد قسائم باسمك للطباعة. إذا وافقت البلدية عليها للتو، قد تحتاج بضع دقائق لتصل إلى هذا الجهاز.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="122" />
            <source>This Social Point has not reached the welfare platform yet, so it cannot show your vouchers. Please ask a welfare manager, or try again later.</source>
            <translation type="unfinished">لم يتصل Social Point هذا بمنصة المساعدة الاجتماعية بعد، لذلك لا يستطيع عرض قسائمك. اسأل الموظف، أو حاول لاحقًا.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="126" />
            <source>The voucher could not be printed. Please ask a welfare manager.</source>
            <translation type="unfinished">تعذّرت طباعة القسيمة. يرجى سؤال الموظف.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="128" />
            <source>Your vouchers could not be read just now. Please try again, or ask a welfare manager.</source>
            <translation type="unfinished">تعذّرت قراءة قسائمك الآن. حاول مرة أخرى، أو اسأل الموظف.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="117" />
            <source>Vouchers in your name, granted by the Comune or bought here, can be printed again. Type your codice fiscale or pass your health card over the reader, then your wallet PIN.</source>
            <translation type="unfinished">يمكن طباعة القسائم التي باسمك مرة أخرى، سواء منحتها البلدية أو اشتريتها هنا. اكتب رمزك الضريبي أو مرّر البطاقة الصحية على القارئ، ثم الرقم السري للمحفظة.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="160" />
            <source>For your safety, this kiosk will not open your wallet for 24 hours after too many tries. A welfare manager can help you at the desk with an identity document; nothing in your wallet is lost.</source>
            <translation type="unfinished">حفاظًا على أمانك، لن يفتح هذا الجهاز محفظتك لمدة 24 ساعة بعد محاولات كثيرة. يمكن للموظف مساعدتك عند المكتب بوثيقة هوية؛ لا يضيع شيء من محفظتك.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="167" />
            <source>For your safety, your wallet is locked after too many wrong PINs. The welfare manager or the Comune can give you a new PIN when you show an identity document; nothing in your wallet is lost.</source>
            <translation type="unfinished">حفاظًا على أمانك، أُغلقت محفظتك بعد أرقام سرية خاطئة كثيرة. يمكن للموظف أو البلدية إعطاؤك رقمًا سريًا جديدًا عند إظهار وثيقة هوية؛ لا يضيع شيء من محفظتك.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="167" />
            <source>Your wallet has just been closed here: its PIN was changed, or the platform closed it. Nothing in your wallet is lost. Please ask a welfare manager, who can help you with an identity document.</source>
            <translation type="unfinished">أُغلقت محفظتك هنا للتو: تم تغيير رقمها السري، أو أغلقتها المنصة. لا يضيع شيء من محفظتك. يُرجى أن تطلب المساعدة من الموظف، ويمكنه مساعدتك بوثيقة هوية.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="139" />
            <source>This Social Point has not reached the welfare platform yet, so it cannot open your wallet. Please ask a welfare manager, or try again later.</source>
            <translation type="unfinished">لم يتصل Social Point هذا بمنصة الرعاية بعد، لذا لا يمكنه فتح محفظتك. اسأل الموظف أو حاول لاحقًا.</translation>
        </message>
    </context>
    <context>
        <name>WalletPinScreen</name>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>‹ Dashboard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>This kiosk has not reached the platform yet, so the PIN cannot be set here now. Try again when the dashboard shows it online.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>This codice fiscale is not valid: check it on the document.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>The two PINs differ: type them again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>The same PIN again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>The platform refused this PIN as too easy: choose another.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>The platform refused it: the request waited too long to be sent (the kiosk was offline). Set the PIN again once the kiosk is online.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>The platform refused it: it could not confirm your login at this kiosk for this Comune. Log out, log in again and retry.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>The platform refused it ({code}). Call the platform&apos;s help desk.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>The platform refused it: this citizen&apos;s wallet belongs to another Comune. Its PIN is set at a Social Point of that Comune, or by that Comune&apos;s offices.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>The platform does not know your operator code: call the platform&apos;s help desk.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>The citizen&apos;s codice fiscale</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>The PIN has 6 to 8 digits.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>That did not work. Nothing was sent; try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>Set the PIN</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>Set a citizen&apos;s wallet PIN</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>Sent: the platform sets the PIN as soon as it receives it (usually within a minute)…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>Residence permit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>Passport</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>Not one digit repeated nor a run like 123456: choose another.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>New wallet PIN (6 to 8 digits)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>Identity document you checked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>Identity card</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>For a citizen who has no wallet PIN, forgot it, or whose wallet is locked by wrong PINs. Check an identity document first: the new PIN replaces the old one at every kiosk of the Comune and unlocks the wallet. Only the kind of document is recorded, with your operator code.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>Driving licence</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>Done: the PIN is set. The citizen can use it at this kiosk after the next sync, in a minute or two.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>Choose the identity document you checked.</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
