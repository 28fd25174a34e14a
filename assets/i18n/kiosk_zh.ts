<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- SPDX-License-Identifier: EUPL-1.2 -->
<TS version="2.1" language="zh_CN">
    <context>
        <name>Answers</name>
        <message>
            <location filename="../../forms/answers.py" line="31" />
            <source>This answer is required.</source>
            <translation type="unfinished">此项必须填写。</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="32" />
            <source>Please type some text.</source>
            <translation type="unfinished">请输入文字。</translation>
        </message>
        <message numerus="yes">
            <location filename="../../forms/answers.py" line="33" />
            <source>Type at least %n character(s).</source>
            <translation type="unfinished">
                <numerusform>请至少输入 %n 个字符。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../forms/answers.py" line="34" />
            <source>Type at most %n character(s).</source>
            <translation type="unfinished">
                <numerusform>最多输入 %n 个字符。</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="51" />
            <source>The answers are too long altogether: please shorten this one.</source>
            <translation type="unfinished">所有回答加起来太长：请缩短这一项。</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="35" />
            <source>This is not in the required format.</source>
            <translation type="unfinished">格式不符合要求。</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="36" />
            <source>Type a whole number.</source>
            <translation type="unfinished">请输入整数。</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="37" />
            <source>Type an amount in euro, like 150 or 150.50.</source>
            <translation type="unfinished">请输入欧元金额，例如 150 或 150.50。</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="38" />
            <source>The smallest value allowed is {min}.</source>
            <translation type="unfinished">最小允许值为 {min}。</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="39" />
            <source>The largest value allowed is {max}.</source>
            <translation type="unfinished">最大允许值为 {max}。</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="40" />
            <source>Type a valid date, like 23/01/1941.</source>
            <translation type="unfinished">请输入有效日期，例如 23/01/1941。</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="41" />
            <source>The date cannot be before {min}.</source>
            <translation type="unfinished">日期不能早于 {min}。</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="42" />
            <source>The date cannot be after {max}.</source>
            <translation type="unfinished">日期不能晚于 {max}。</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="43" />
            <source>Choose one of the answers offered.</source>
            <translation type="unfinished">请从给出的答案中选择一个。</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="44" />
            <source>“{choice}” cannot be chosen together with other answers.</source>
            <translation type="unfinished">“{choice}”不能与其他答案同时选择。</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="46" />
            <source>Answer yes or no.</source>
            <translation type="unfinished">请回答“是”或“否”。</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="47" />
            <source>You need to confirm this declaration to go on.</source>
            <translation type="unfinished">请确认此声明后继续。</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="48" />
            <source>Choose a Comune from the list.</source>
            <translation type="unfinished">请从列表中选择一个市镇（Comune）。</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="49" />
            <source>Add at least {min}.</source>
            <translation type="unfinished">请至少添加 {min} 个。</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="50" />
            <source>You can add at most {max}.</source>
            <translation type="unfinished">最多可以添加 {max} 个。</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="51" />
            <source>This answer is not part of the form.</source>
            <translation type="unfinished">此答案不属于本表格。</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="52" />
            <source>The form cannot check this answer: please ask the welfare manager.</source>
            <translation type="unfinished">表格无法核对此答案：请询问工作人员。</translation>
        </message>
    </context>
    <context>
        <name>ApplicationDone</name>
        <message>
            <location filename="../../kiosk/ui/widgets/application_done.py" line="30" />
            <source>Your tracking code: {code}</source>
            <translation type="unfinished">您的查询码：{code}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/application_done.py" line="33" />
            <source>Protocol number: {protocol}</source>
            <translation type="unfinished">登记编号：{protocol}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/application_done.py" line="38" />
            <source>The Comune&apos;s platform could not accept it. It is kept at this Social Point: please ask the welfare manager at the desk, who will see why.</source>
            <translation type="unfinished">市政平台未能接受这份申请。申请仍保存在本服务点：请询问柜台的工作人员，他们会查明原因。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/application_done.py" line="38" />
            <source>The Comune is giving it a protocol number…</source>
            <translation type="unfinished">市政府正在分配登记编号…</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/application_done.py" line="42" />
            <source>This Social Point is offline right now: the application will leave by itself as soon as it can. You will find its protocol number with the tracking code.</source>
            <translation type="unfinished">本 Social Point 目前未联网：申请会尽快自动发送。之后可以用查询码查到登记编号。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/application_done.py" line="50" />
            <source>The receipt is coming out of the printer: please keep it.</source>
            <translation type="unfinished">收据正在从打印机打出：请妥善保管。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/application_done.py" line="52" />
            <source>To see how your application is going, tap "Calls and subsidies" on the home screen, then "Where is my application?".</source>
            <translation type="unfinished">要查看申请进展，请在首页点击“补助与津贴”，然后点击“我的申请进展如何？”。</translation>
        </message>
    </context>
    <context>
        <name>ApplicationReview</name>
        <message>
            <location filename="../../kiosk/core/apply_review.py" line="37" />
            <source>Person {n}: {who}</source>
            <translation type="unfinished">第 {n} 人：{who}</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_review.py" line="38" />
            <source>(no answers yet)</source>
            <translation type="unfinished">（尚无回答）</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_review.py" line="39" />
            <source>Please note: {reasons}</source>
            <translation type="unfinished">请注意：{reasons}</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_review.py" line="40" />
            <source>From your answers you seem to meet the requirements. The Comune will decide.</source>
            <translation type="unfinished">根据您的回答，您似乎符合条件。最终由市政府决定。</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_review.py" line="44" />
            <source>From your answers the amount would be {amount}. The Comune decides the amount it grants.</source>
            <translation type="unfinished">根据您的回答，金额约为 {amount}。最终发放的金额由市政府决定。</translation>
        </message>
    </context>
    <context>
        <name>ApplicationStatusScreen</name>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="136" />
            <source>A tracking code looks like DOM-ABCD-EFGH: please check your receipt.</source>
            <translation type="unfinished">查询码的格式为 DOM-ABCD-EFGH：请查看您的收据。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="159" />
            <source>The search is not possible right now. Please ask the welfare manager at the desk.</source>
            <translation type="unfinished">目前无法查询。请询问服务台的工作人员。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="167" />
            <source>Received by the Comune</source>
            <translation type="unfinished">市政府已收到</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="168" />
            <source>The Comune is examining it</source>
            <translation type="unfinished">市政府正在审核</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="169" />
            <source>The Comune needs more documents</source>
            <translation type="unfinished">市政府需要更多材料</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="170" />
            <source>Accepted</source>
            <translation type="unfinished">已批准</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="171" />
            <source>Not accepted</source>
            <translation type="unfinished">未批准</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="172" />
            <source>Saved at this Social Point, not yet sent to the Comune</source>
            <translation type="unfinished">已保存在本 Social Point，尚未发送给市政府</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="173" />
            <source>It did not reach the Comune</source>
            <translation type="unfinished">未送达市政府</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="178" />
            <source>It leaves by itself as soon as the Social Point is online.</source>
            <translation type="unfinished">Social Point 联网后会自动发送。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="180" />
            <source>Please ask the welfare manager at the desk: they can see why and help you apply again.</source>
            <translation type="unfinished">请询问服务台的工作人员：他们可以查看原因，并帮您重新申请。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="183" />
            <source>Bring them to the Comune's office, with your receipt.</source>
            <translation type="unfinished">请带着收据把材料交到市政府办公室。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="189" />
            <source>Where is my application?</source>
            <translation type="unfinished">我的申请进展如何？</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="191" />
            <source>Type the tracking code printed on your receipt and your codice fiscale. You can also pass your health card over the reader.</source>
            <translation type="unfinished">请输入收据上印的查询码和您的税号（codice fiscale）。也可以在读卡器上刷医保卡。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="193" />
            <source>Tracking code (on the receipt)</source>
            <translation type="unfinished">查询码（在收据上）</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="195" />
            <source>Codice fiscale</source>
            <translation type="unfinished">税号（codice fiscale）</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="196" />
            <source>Search</source>
            <translation type="unfinished">查询</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="202" />
            <source>No application matches this tracking code and codice fiscale. Please check both; if you applied at another Social Point a moment ago, try again later.</source>
            <translation type="unfinished">没有与此查询码和税号相符的申请。请检查两者；如果您刚在其他 Social Point 提交申请，请稍后再试。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="213" />
            <source>Protocol number: {protocol}</source>
            <translation type="unfinished">登记编号：{protocol}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="220" />
            <source>Last update: {day} at {hour}</source>
            <translation type="unfinished">最后更新：{day} {hour}</translation>
        </message>
    </context>
    <context>
        <name>ApplicationSteps</name>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="16" />
            <source>Before you start</source>
            <translation type="unfinished">开始之前</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="17" />
            <source>Privacy notice</source>
            <translation type="unfinished">隐私告知</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="18" />
            <source>I have read it, go on</source>
            <translation type="unfinished">我已阅读，继续</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="19" />
            <source>Step {n} of {total}</source>
            <translation type="unfinished">第 {n} 步，共 {total} 步</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="20" />
            <source>Person {n}</source>
            <translation type="unfinished">第 {n} 人</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="21" />
            <source>Save this person</source>
            <translation type="unfinished">保存此人</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="22" />
            <source>Next ›</source>
            <translation type="unfinished">下一步 ›</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="23" />
            <source>Check your answers and send</source>
            <translation type="unfinished">检查回答并提交</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="24" />
            <source>Sending…</source>
            <translation type="unfinished">正在发送…</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="25" />
            <source>Send the application</source>
            <translation type="unfinished">提交申请</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="26" />
            <source>Some answers are missing or need checking: tap Change next to the part to complete.</source>
            <translation type="unfinished">有些回答缺少或需要检查：请点击需要补充部分旁边的“修改”。</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="30" />
            <source>Your application has been saved</source>
            <translation type="unfinished">您的申请已保存</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="31" />
            <source>Finish</source>
            <translation type="unfinished">完成</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="32" />
            <source>This call cannot be applied for here</source>
            <translation type="unfinished">此项补助不能在这里申请</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="33" />
            <source>Back to the calls</source>
            <translation type="unfinished">返回补助列表</translation>
        </message>
    </context>
    <context>
        <name>ApplyScreen</name>
        <message>
            <location filename="../../kiosk/ui/screens/apply.py" line="356" />
            <source>Discard this person?</source>
            <translation type="unfinished">要删除此人吗？</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/apply.py" line="357" />
            <source>What you typed about this person will not be kept.</source>
            <translation type="unfinished">您为此人填写的内容将不会保存。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/apply.py" line="358" />
            <source>No, go on</source>
            <translation type="unfinished">不，继续</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/apply.py" line="359" />
            <source>Yes, discard</source>
            <translation type="unfinished">是，删除</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/apply.py" line="455" />
            <source>Please check the answers marked below.</source>
            <translation type="unfinished">请检查下面标出的回答。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/apply.py" line="478" />
            <source>The application could not be saved. Nothing you typed is lost: please try again, or ask the welfare manager at the desk.</source>
            <translation type="unfinished">申请无法保存。您输入的内容没有丢失：请再试一次，或询问服务台的工作人员。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/apply.py" line="532" />
            <source>Cancel</source>
            <translation type="unfinished">取消</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/apply.py" line="611" />
            <source>It may have just closed, or its form has not reached this kiosk yet. The welfare manager at the desk can help you.</source>
            <translation type="unfinished">可能刚刚截止，或者表格还没有传到本机。服务台的工作人员可以帮助您。</translation>
        </message>
    </context>
    <context>
        <name>CallsScreen</name>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="63" />
            <source>Apply by {day} at {hour}</source>
            <translation type="unfinished">申请截止：{day} {hour}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="70" />
            <source>Who can apply</source>
            <translation type="unfinished">谁可以申请</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="73" />
            <source>What to bring</source>
            <translation type="unfinished">需要带的材料</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="79" />
            <source>Apply here</source>
            <translation type="unfinished">在这里申请</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="81" />
            <source>Apply here: {title}</source>
            <translation type="unfinished">在这里申请：{title}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="86" />
            <source>Apply with the welfare manager at the desk.</source>
            <translation type="unfinished">请在服务台由工作人员协助申请。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="119" />
            <source>Calls and subsidies</source>
            <translation type="unfinished">补助与津贴</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="120" />
            <source>Where is my application?</source>
            <translation type="unfinished">我的申请进展如何？</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="121" />
            <source>Print my vouchers</source>
            <translation type="unfinished">打印我的代金券</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="123" />
            <source>Open now for residents of {comune}</source>
            <translation type="unfinished">目前向 {comune} 居民开放</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="125" />
            <source>The welfare manager at the desk can help you fill in any form.</source>
            <translation type="unfinished">服务台的工作人员可以帮您填写任何表格。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="128" />
            <source>There are no open calls right now. Ask the welfare manager about new ones.</source>
            <translation type="unfinished">目前没有开放的补助。请向工作人员询问新的补助。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="90" />
            <source>Privacy notice</source>
            <translation type="unfinished">隐私告知</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="114" />
            <source>Privacy notice: {title}</source>
            <translation type="unfinished">隐私告知：{title}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="115" />
            <source>OK</source>
            <translation type="unfinished">知道了</translation>
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
            <translation type="unfinished">减少一个</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/cart.py" line="60" />
            <source>One more</source>
            <translation type="unfinished">增加一个</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/cart.py" line="67" />
            <source>Remove</source>
            <translation type="unfinished">移除</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/cart.py" line="88" />
            <source>Your cart</source>
            <translation type="unfinished">您的购物车</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/cart.py" line="93" />
            <source>The cart is empty. Choose a service and tap “Add to cart”.</source>
            <translation type="unfinished">购物车是空的。请选择一项服务并点击“加入购物车”。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/cart.py" line="93" />
            <source>Choose a service ›</source>
            <translation type="unfinished">选择服务 ›</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/cart.py" line="93" />
            <source>OK, understood</source>
            <translation type="unfinished">知道了</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/cart.py" line="97" />
            <source>Total: {amount}</source>
            <translation type="unfinished">合计：{amount}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/cart.py" line="99" />
            <source>Go on to payment ›</source>
            <translation type="unfinished">去付款 ›</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/cart.py" line="102" />
            <source>The kiosk never takes money: you pay the provider, use your credit, or pay at the desk with the welfare manager.</source>
            <translation type="unfinished">本机从不收钱：您可以付给服务提供方、使用您的福利余额，或在服务台向工作人员付款。</translation>
        </message>
    </context>
    <context>
        <name>CatalogScreen</name>
        <message numerus="yes">
            <location filename="../../kiosk/ui/screens/catalog.py" line="208" />
            <source>%n service(s)</source>
            <translation type="unfinished">
                <numerusform>%n 项服务</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/screens/catalog.py" line="233" />
            <source>Did you mean “{words}”? %n service(s) found.</source>
            <translation type="unfinished">
                <numerusform>您是不是要找“{words}”？找到 %n 项服务。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/screens/catalog.py" line="233" />
            <source>No service has all the words “{text}”. %n service(s) have some of them.</source>
            <translation type="unfinished">
                <numerusform>没有服务包含全部词语“{text}”。有 %n 项服务包含其中部分词语。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/screens/catalog.py" line="236" />
            <source>%n service(s) found for “{text}”</source>
            <translation type="unfinished">
                <numerusform>找到 %n 项与“{text}”相关的服务</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="239" />
            <source>Nothing found for “{text}”. Try another word, search all the Comuni, or ask for help:</source>
            <translation type="unfinished">没有找到与“{text}”相关的内容。请换一个词，在所有市镇中搜索，或请求帮助：</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="244" />
            <source>Nothing found for “{text}”. Try another word or ask for help:</source>
            <translation type="unfinished">没有找到与“{text}”相关的内容。请换一个词或请求帮助：</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="247" />
            <source>No service mentions: {words}.</source>
            <translation type="unfinished">没有服务提到：{words}。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="261" />
            <source>Services</source>
            <translation type="unfinished">服务</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="262" />
            <source>Search, for example: elderly, meals, babysitter</source>
            <translation type="unfinished">搜索，例如：老人、送餐、保姆</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="263" />
            <source>Search services</source>
            <translation type="unfinished">搜索服务</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="264" />
            <source>Clear</source>
            <translation type="unfinished">清除</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="265" />
            <source>For residents of:</source>
            <translation type="unfinished">面向以下市镇居民：</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="266" />
            <source>All Comuni</source>
            <translation type="unfinished">所有市镇</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="267" />
            <source>Search all the Comuni</source>
            <translation type="unfinished">在所有市镇中搜索</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="268" />
            <source>Ask for help</source>
            <translation type="unfinished">求助</translation>
        </message>
    </context>
    <context>
        <name>CheckoutScreen</name>
        <message numerus="yes">
            <location filename="../../kiosk/ui/screens/checkout.py" line="220" />
            <source>%n digit(s), hidden</source>
            <translation type="unfinished">
                <numerusform>%n 位数字，已隐藏</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="220" />
            <source>{name}, welfare manager: type your PIN to confirm the payment was received.</source>
            <translation type="unfinished">{name}（工作人员）：请输入您的 PIN，确认已收到付款。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="220" />
            <source>PIN</source>
            <translation type="unfinished">PIN</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="220" />
            <source>Confirm the payment</source>
            <translation type="unfinished">确认付款</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="220" />
            <source>Checking…</source>
            <translation type="unfinished">正在核对…</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="220" />
            <source>The PIN has 6 to 8 digits.</source>
            <translation type="unfinished">PIN 为 6 到 8 位数字。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="220" />
            <source>PIN not right. Tries left: {n}.</source>
            <translation type="unfinished">PIN 不正确。剩余尝试次数：{n}。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="220" />
            <source>Too many wrong PINs: locked until {time}. Choose another way to pay.</source>
            <translation type="unfinished">PIN 错误次数过多：锁定至 {time}。请选择其他付款方式。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="220" />
            <source>This PIN cannot confirm the payment.</source>
            <translation type="unfinished">此 PIN 无法确认付款。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="220" />
            <source>The total has changed: it is now {amount}. Type the PIN again to confirm the payment.</source>
            <translation type="unfinished">总额已更改：现在为 {amount}。请再次输入 PIN 以确认付款。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="173" />
            <source>Your credit is not enough: {amount} available.</source>
            <translation type="unfinished">余额不足：可用 {amount}。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="176" />
            <source>Right now you can spend up to {amount} of your credit here: the rest is waiting to reach the platform. Try again later or choose another way to pay.</source>
            <translation type="unfinished">目前您在这里最多可使用 {amount} 余额：其余部分正在等待同步到平台。请稍后再试或选择其他付款方式。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="179" />
            <source>There is no credit in your name.</source>
            <translation type="unfinished">您名下没有余额。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="179" />
            <source>The services in your cart can only be paid with your welfare credit: remove some of them from the cart, or ask for help.</source>
            <translation type="unfinished">购物车中的服务只能用福利余额支付：请从购物车中移除一些服务，或求助。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="281" />
            <source>The price of something in your cart has changed. Please check the new total and confirm again.</source>
            <translation type="unfinished">购物车中某项服务的价格已更改。请核对新的总额并再次确认。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="281" />
            <source>The order has changed since the payment at the desk was confirmed: the welfare manager confirms the new total again.</source>
            <translation type="unfinished">服务台确认付款后，订单已更改：工作人员需要再次确认新的总额。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="281" />
            <source>The ways to pay for your cart have changed: the one you chose can no longer be used.</source>
            <translation type="unfinished">您购物车的付款方式已更改：您选择的方式已无法使用。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="281" />
            <source>Choose one of the ways shown.</source>
            <translation type="unfinished">请选择所显示的一种付款方式。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="281" />
            <source>“{service}” is no longer offered: it has been removed from your cart.</source>
            <translation type="unfinished">服务“{service}”已不再提供，已从您的购物车中移除。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="281" />
            <source>The price of “{service}” has changed from {old} to {new}.</source>
            <translation type="unfinished">“{service}”的价格已从 {old} 变为 {new}。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="281" />
            <source>These services are no longer offered and have been removed from your cart:</source>
            <translation type="unfinished">以下服务已不再提供，已从您的购物车中移除：</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="281" />
            <source>Check the new total and choose how to pay again.</source>
            <translation type="unfinished">请核对新的总额，并重新选择付款方式。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="281" />
            <source>Your cart is now empty.</source>
            <translation type="unfinished">您的购物车现在是空的。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="182" />
            <source>The order could not be saved. Nothing was charged: please ask the welfare manager.</source>
            <translation type="unfinished">订单无法保存。没有扣任何费用：请询问工作人员。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="191" />
            <source>Who is buying?</source>
            <translation type="unfinished">谁购买？</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="191" />
            <location filename="../../kiosk/ui/screens/checkout.py" line="192" />
            <source>How do you pay?</source>
            <translation type="unfinished">您怎样付款？</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="193" />
            <source>Your order is saved</source>
            <translation type="unfinished">您的订单已保存</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="195" />
            <source>Total: {amount}</source>
            <translation type="unfinished">合计：{amount}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="200" />
            <source>I pay the provider when the service is done</source>
            <translation type="unfinished">服务完成后我付给服务提供方</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="202" />
            <source>I pay at the desk now (cash or card, with the welfare manager)</source>
            <translation type="unfinished">我现在在服务台付款（现金或银行卡，向工作人员）</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="219" />
            <source>✓ Payment received — confirmed by {name}</source>
            <translation type="unfinished">✓ 已收到付款 — 由 {name} 确认</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="227" />
            <source>Finish</source>
            <translation type="unfinished">完成</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="230" />
            <source>Sending…</source>
            <translation type="unfinished">正在发送…</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="231" />
            <source>Confirm the order</source>
            <translation type="unfinished">确认订单</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="238" />
            <source>{amount} · {title} · {total}</source>
            <translation type="unfinished">{amount} · {title} · {total}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="245" />
            <source>Only a code made from it is kept with your order, so you can print your vouchers again at any Social Point.</source>
            <translation type="unfinished">订单中只保存由它生成的一个代码，以便您在任何 Social Point 重新打印代金券。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="249" />
            <source>Order code: {code}
The receipt and one voucher per service are coming out of the printer: show the voucher to the provider.</source>
            <translation type="unfinished">订单号：{code}
打印机正在打出收据和每项服务一张代金券：请把代金券出示给服务提供方。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="254" />
            <source>The kiosk never takes money.</source>
            <translation type="unfinished">本机从不收钱。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="259" />
            <source>I use my welfare credit (none in your name)</source>
            <translation type="unfinished">我使用福利余额（您名下没有）</translation>
        </message>
        <message>
            <source>I use my welfare credit</source>
            <translation type="unfinished">我使用福利余额</translation>
        </message>
        <message>
            <source>{amount} available now</source>
            <translation type="unfinished">目前可用 {amount}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="260" />
            <source>I use my welfare credit ({amount} available now)</source>
            <translation type="unfinished">我使用福利余额（目前可用 {amount}）</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="271" />
            <source>Your credit is {balance}. A kiosk spends at most {now} of it until the platform has confirmed what was spent: the rest stays yours, for later or at another Social Point.</source>
            <translation type="unfinished">您的余额为 {balance}。在平台确认已用金额之前，本机最多使用其中的 {now}：其余仍归您所有，可以以后使用或在其他 Social Point 使用。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="279" />
            <source>What happens now: the provider calls you within two working days to agree the day and time (their number is also on your voucher). Show the voucher when the service is done.</source>
            <translation type="unfinished">接下来：服务提供方会在两个工作日内给您打电话，约定日期和时间（其电话也印在代金券上）。接受服务时请出示代金券。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="284" />
            <source>You pay the provider then, not now.</source>
            <translation type="unfinished">到时候再付给服务提供方，现在不用付。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="286" />
            <source>The amount is taken from your credit now.</source>
            <translation type="unfinished">现在从您的余额中扣款。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="288" />
            <source>You pay at the desk now, with the welfare manager.</source>
            <translation type="unfinished">您现在在服务台向工作人员付款。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="195" />
            <source>To pay with your welfare credit, go back and type your wallet PIN too.</source>
            <translation type="unfinished">如需使用福利余额付款，请返回并同时输入钱包密码。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="214" />
            <location filename="../../kiosk/ui/screens/checkout.py" line="215" />
            <source>Check your order</source>
            <translation type="unfinished">请核对您的订单</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="253" />
            <source>‹ Change</source>
            <translation type="unfinished">‹ 修改</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="258" />
            <source>Check the order ›</source>
            <translation type="unfinished">核对订单 ›</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="281" />
            <source>How you pay: {way}</source>
            <translation type="unfinished">付款方式：{way}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="322" />
            <source>Your credit cannot pay for this order now: choose another way to pay.</source>
            <translation type="unfinished">您的余额现在无法支付此订单：请选择其他付款方式。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="381" />
            <source>The receipt and one voucher per service are coming out of the printer: show the voucher to the provider.</source>
            <translation type="unfinished">打印机正在打出收据和每项服务一张代金券：请把代金券出示给服务提供方。</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/purchasing.py" line="67" />
            <source>to the provider</source>
            <translation type="unfinished">付给服务提供方</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/purchasing.py" line="62" />
            <source>with your welfare credit</source>
            <translation type="unfinished">用您的福利余额</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/purchasing.py" line="185" />
            <source>at the desk, with the welfare manager</source>
            <translation type="unfinished">在服务台向工作人员付款</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/purchasing.py" line="189" />
            <source>These services cannot be paid in the same way, so they cannot be bought in one order. Each can be paid:</source>
            <translation type="unfinished">这些服务不能用同一种方式付款，因此不能在同一个订单中购买。各项服务的付款方式：</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/purchasing.py" line="194" />
            <source>Buy them in separate orders: remove from the cart the ones paid in another way, complete this order, then add them again for a new one.</source>
            <translation type="unfinished">请分开下单：从购物车中移除付款方式不同的服务，完成本订单，然后再把它们加入新的订单。</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/purchasing.py" line="199" />
            <source>The services in your cart can only be paid at the desk, with the welfare manager. Ask for help: the welfare manager completes the order with you.</source>
            <translation type="unfinished">您购物车中的服务只能在服务台向工作人员付款。请求助：工作人员会和您一起完成订单。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="328" />
            <source>Ask for help</source>
            <translation type="unfinished">求助</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="330" />
            <source>Open the cart</source>
            <translation type="unfinished">打开购物车</translation>
        </message>
    </context>
    <context>
        <name>CountedUnits</name>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="38" />
            <source>%n hour(s)</source>
            <translation type="unfinished">
                <numerusform>%n 小时</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="39" />
            <source>%n day(s)</source>
            <translation type="unfinished">
                <numerusform>%n 天</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="40" />
            <source>%n week(s)</source>
            <translation type="unfinished">
                <numerusform>%n 周</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="41" />
            <source>%n month(s)</source>
            <translation type="unfinished">
                <numerusform>%n 个月</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="42" />
            <source>%n meal(s)</source>
            <translation type="unfinished">
                <numerusform>%n 餐</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="43" />
            <source>%n session(s)</source>
            <translation type="unfinished">
                <numerusform>%n 次</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="44" />
            <source>%n course(s)</source>
            <translation type="unfinished">
                <numerusform>%n 期课程</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="45" />
            <source>%n ride(s)</source>
            <translation type="unfinished">
                <numerusform>%n 趟</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="46" />
            <source>%n delivery(ies)</source>
            <translation type="unfinished">
                <numerusform>%n 次配送</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="47" />
            <source>%n kg</source>
            <translation type="unfinished">
                <numerusform>%n 公斤</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="48" />
            <source>%n visit(s)</source>
            <translation type="unfinished">
                <numerusform>%n 次</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>FormFields</name>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="41" />
            <source>dd/mm/yyyy</source>
            <translation type="unfinished">日/月/年</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="42" />
            <source>amount in euro, e.g. 150,00</source>
            <translation type="unfinished">欧元金额，例如 150.00</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="43" />
            <location filename="../../kiosk/ui/widgets/identify.py" line="126" />
            <source>16 letters and digits</source>
            <translation type="unfinished">16 位字母和数字</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="44" />
            <source>e.g. 347 123 4567</source>
            <translation type="unfinished">例如 347 123 4567</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="45" />
            <source>e.g. name@example.it</source>
            <translation type="unfinished">例如 name@example.it</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="46" />
            <source>IT followed by 25 letters and digits</source>
            <translation type="unfinished">IT 后接 25 位字母和数字</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="99" />
            <source>{question} (optional)</source>
            <translation type="unfinished">{question}（选填）</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="268" />
            <source>You can choose more than one.</source>
            <translation type="unfinished">可以选择多项。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="291" />
            <source>✓  I confirm</source>
            <translation type="unfinished">✓  我确认</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="293" />
            <source>I confirm</source>
            <translation type="unfinished">我确认</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="359" />
            <source>Person {n}</source>
            <translation type="unfinished">第 {n} 人</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="368" />
            <source>Change</source>
            <translation type="unfinished">修改</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="372" />
            <source>Remove</source>
            <translation type="unfinished">移除</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="390" />
            <source>Tap again to remove</source>
            <translation type="unfinished">再点一次即可移除</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="394" />
            <source>+ Add a person</source>
            <translation type="unfinished">+ 添加一人</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="418" />
            <source>(no answer)</source>
            <translation type="unfinished">（未回答）</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="428" />
            <source>Confirmed</source>
            <translation type="unfinished">已确认</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="430" />
            <source>Not confirmed</source>
            <translation type="unfinished">未确认</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="433" />
            <source>Yes</source>
            <translation type="unfinished">是</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="435" />
            <source>No</source>
            <translation type="unfinished">否</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="259" />
            <source>Day</source>
            <translation type="unfinished">日</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="260" />
            <source>Month</source>
            <translation type="unfinished">月</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="261" />
            <source>Year</source>
            <translation type="unfinished">年</translation>
        </message>
    </context>
    <context>
        <name>HomeScreen</name>
        <message>
            <location filename="../../kiosk/ui/screens/home.py" line="40" />
            <source>Welcome to the {name}</source>
            <translation type="unfinished">欢迎来到 {name}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/home.py" line="42" />
            <source>How can we help you? Touch one of the buttons.</source>
            <translation type="unfinished">我们能为您做什么？请点击一个按钮。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/home.py" line="45" />
            <source>Services</source>
            <translation type="unfinished">服务</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/home.py" line="46" />
            <source>Find care, help at home, courses and local shops</source>
            <translation type="unfinished">护理、居家帮助、课程和本地商店</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/home.py" line="51" />
            <source>Calls and subsidies</source>
            <translation type="unfinished">补助与津贴</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/home.py" line="52" />
            <source>Food vouchers, contributions and help from the Comune</source>
            <translation type="unfinished">食品券、补贴和市政府的帮助</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/home.py" line="57" />
            <source>Ask a welfare manager for help</source>
            <translation type="unfinished">请工作人员帮助</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/home.py" line="58" />
            <source>A person at the Social Point will help you</source>
            <translation type="unfinished">Social Point 的工作人员会帮助您</translation>
        </message>
    </context>
    <context>
        <name>IdentifyBox</name>
        <message>
            <location filename="../../kiosk/ui/widgets/identify.py" line="125" />
            <source>Your codice fiscale (or pass your health card)</source>
            <translation type="unfinished">您的税号（codice fiscale），或刷医保卡</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/identify.py" line="129" />
            <source>Next ›</source>
            <translation type="unfinished">下一步 ›</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/identify.py" line="131" />
            <source>A phone number, to call you if something goes wrong (optional)</source>
            <translation type="unfinished">电话号码，出问题时联系您（选填）</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/identify.py" line="148" />
            <source>The wallet PIN has 6 to 8 digits.</source>
            <translation type="unfinished">钱包密码为 6 到 8 位数字。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/identify.py" line="190" />
            <source>Wallet PIN (only for the credit)</source>
            <translation type="unfinished">您的钱包密码（仅用于使用福利余额付款）</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/identify.py" line="190" />
            <source>Your wallet PIN</source>
            <translation type="unfinished">您的钱包密码</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/identify.py" line="195" />
            <source>6 to 8 digits, from the Comune&apos;s letter or set at the Social Point desk</source>
            <translation type="unfinished">6 到 8 位数字，见市政府的信函，或在 Social Point 服务台设置</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="359" />
            <source>Cart ({n}) · {total}</source>
            <translation type="unfinished">购物车（{n}）· {total}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="407" />
            <source>End the assisted session?</source>
            <translation type="unfinished">要结束协助吗？</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="408" />
            <source>What the citizen was doing and has not sent is forgotten.</source>
            <translation type="unfinished">市民正在填写但尚未发送的内容将被清除。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="409" />
            <source>No, go on</source>
            <translation type="unfinished">不，继续</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="410" />
            <source>Yes, end it</source>
            <translation type="unfinished">是，结束</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="433" />
            <source>Assisted by {name}</source>
            <translation type="unfinished">由 {name} 协助</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="489" />
            <source>Calling the welfare managers of this Social Point…</source>
            <translation type="unfinished">正在呼叫本 Social Point 的工作人员…</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="492" />
            <source>The welfare managers of this Social Point have been called: someone will come to you. You can also go to the desk.</source>
            <translation type="unfinished">已呼叫本 Social Point 的工作人员：会有人来帮助您。您也可以去服务台。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="498" />
            <source>Nobody could be called from here right now. Please go to the desk and tell the welfare manager that you need help.</source>
            <translation type="unfinished">目前无法从这里呼叫任何人。请去服务台告诉工作人员您需要帮助。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="503" />
            <source>The desk is staffed: {hours}</source>
            <translation type="unfinished">服务台开放时间：{hours}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="505" />
            <source>Where: {address}</source>
            <translation type="unfinished">地点：{address}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="508" />
            <source>If nobody is here, call {phone}</source>
            <translation type="unfinished">如果没有人在，请拨打 {phone}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="513" />
            <source>We are here to help</source>
            <translation type="unfinished">我们在这里帮助您</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="513" />
            <source>OK</source>
            <translation type="unfinished">知道了</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="518" />
            <source>{name} {version}, free software under the {licence} licence: {url}</source>
            <translation type="unfinished">{name} {version}，自由软件，采用 {licence} 许可证：{url}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="530" />
            <source>◐ High contrast</source>
            <translation type="unfinished">◐ 高对比度</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="551" />
            <source>Comune of {name}</source>
            <translation type="unfinished">{name} 市</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="552" />
            <source>‹ Back</source>
            <translation type="unfinished">‹ 返回</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="553" />
            <source>⌂ Home</source>
            <translation type="unfinished">⌂ 首页</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="554" />
            <source>Ask for help</source>
            <translation type="unfinished">求助</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="530" />
            <source>A+ Larger text</source>
            <translation type="unfinished">A+ 大字体</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="556" />
            <source>End assisted session</source>
            <translation type="unfinished">结束协助</translation>
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
                <numerusform>因在本市镇各台机器上 10 次密码错误被平台锁定：%n 个。设置新密码前保持锁定。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="1" />
            <source>Locked at this kiosk after 5 wrong PINs: %n. The first opens again at {time}.</source>
            <translation type="unfinished">
                <numerusform>因 5 次密码错误在本机锁定：%n 个。最早的一个将于 {time} 解锁。</numerusform>
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
                <numerusform>本机时钟比平台快 %n 分钟。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="270" />
            <source>This kiosk&apos;s clock is %n minute(s) behind the platform&apos;s.</source>
            <translation type="unfinished">
                <numerusform>本机时钟比平台慢 %n 分钟。</numerusform>
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
                <numerusform>%n 位数字，已隐藏</numerusform>
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
            <translation type="unfinished">在提供任何个人数据之前，请阅读这些数据将如何使用。您可以打印本告知书并带走。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/privacy_notice.py" line="21" />
            <source>Print the notice</source>
            <translation type="unfinished">打印告知书</translation>
        </message>
    </context>
    <context>
        <name>NumericKeypad</name>
        <message>
            <location filename="../../kiosk/ui/widgets/keypad.py" line="41" />
            <source>Delete</source>
            <translation type="unfinished">删除</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keypad.py" line="42" />
            <source>OK, confirm</source>
            <translation type="unfinished">OK，确认</translation>
        </message>
    </context>
    <context>
        <name>OnScreenKeyboard</name>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="171" />
            <source>Type names in Latin letters (pinyin), as on your documents.</source>
            <translation type="unfinished">请用拉丁字母（拼音）输入姓名，与证件上的写法相同。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="172" />
            <source>Other letters</source>
            <translation type="unfinished">其他字母</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="174" />
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="175" />
            <source>space</source>
            <translation type="unfinished">空格</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="176" />
            <source>Delete</source>
            <translation type="unfinished">删除</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="177" />
            <source>Capital letters</source>
            <translation type="unfinished">大写字母</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="178" />
            <source>Close</source>
            <translation type="unfinished">关闭</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="182" />
            <source>apostrophe</source>
            <translation type="unfinished">撇号</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="182" />
            <source>comma</source>
            <translation type="unfinished">逗号</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="182" />
            <source>full stop</source>
            <translation type="unfinished">句号</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="183" />
            <source>hyphen</source>
            <translation type="unfinished">连字符</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="183" />
            <source>minus</source>
            <translation type="unfinished">减号</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="183" />
            <source>at sign</source>
            <translation type="unfinished">@ 符号</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="183" />
            <source>underscore</source>
            <translation type="unfinished">下划线</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="184" />
            <source>slash</source>
            <translation type="unfinished">斜杠</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="184" />
            <source>plus</source>
            <translation type="unfinished">加号</translation>
        </message>
    </context>
    <context>
        <name>OutOfService</name>
        <message>
            <location filename="../../kiosk/ui/widgets/out_of_service.py" line="44" />
            <source>This kiosk is out of service for a moment</source>
            <translation type="unfinished">本机暂时停止服务</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/out_of_service.py" line="46" />
            <source>Please ask the welfare manager at the desk for help, or come back later.</source>
            <translation type="unfinished">请向服务台的工作人员求助，或稍后再来。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/out_of_service.py" line="50" />
            <source>For the staff: the kiosk cannot start ({reason}). It tries again every minute; social-point doctor says more.</source>
            <translation type="unfinished">工作人员请注意：本机无法启动（{reason}）。它每分钟重试一次；social-point doctor 可提供更多信息。</translation>
        </message>
    </context>
    <context>
        <name>PrintController</name>
        <message>
            <location filename="../../kiosk/ui/controllers/printer.py" line="93" />
            <source>Printing is not possible right now</source>
            <translation type="unfinished">目前无法打印</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/controllers/printer.py" line="94" />
            <source>Nothing was lost. Please ask the welfare manager at the desk.</source>
            <translation type="unfinished">没有丢失任何内容。请询问服务台的工作人员。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/controllers/printer.py" line="95" />
            <source>OK</source>
            <translation type="unfinished">知道了</translation>
        </message>
    </context>
    <context>
        <name>PrintPanel</name>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="89" />
            <source>Your printout</source>
            <translation type="unfinished">您的打印件</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="90" />
            <source>Done</source>
            <translation type="unfinished">完成</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="97" />
            <source>Show this screen to the welfare manager, or take a photo of it.</source>
            <translation type="unfinished">请把这个屏幕给工作人员看，或者拍照保存。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="98" />
            <source>This Social Point has no printer</source>
            <translation type="unfinished">本 Social Point 没有打印机</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="100" />
            <source>Printed</source>
            <translation type="unfinished">已打印</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="100" />
            <source>Take your sheet from the printer.</source>
            <translation type="unfinished">请从打印机取走纸张。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="102" />
            <source>This sheet could not be printed</source>
            <translation type="unfinished">这张纸无法打印</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="103" />
            <source>Ask the welfare manager for it: nothing is lost.</source>
            <translation type="unfinished">请向工作人员索取：没有丢失任何内容。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="105" />
            <source>Printing stopped half-way</source>
            <translation type="unfinished">打印中途停止</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="106" />
            <source>Ask the welfare manager for a copy: nothing is lost.</source>
            <translation type="unfinished">请向工作人员要一份副本：没有丢失任何内容。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="111" />
            <source>The printer is out of paper</source>
            <translation type="unfinished">打印机没纸了</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="113" />
            <source>Please tell the welfare manager at the desk, or tap “Ask for help”. Your sheet prints as soon as the paper is changed.</source>
            <translation type="unfinished">请告诉服务台的工作人员，或点击“求助”。换纸后会马上打印。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="119" />
            <source>The printer cover is open</source>
            <translation type="unfinished">打印机盖开着</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="121" />
            <source>Please tell the welfare manager at the desk, or tap “Ask for help”. Your sheet prints as soon as it is closed.</source>
            <translation type="unfinished">请告诉服务台的工作人员，或点击“求助”。盖子关上后会马上打印。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="127" />
            <source>The printer is not answering</source>
            <translation type="unfinished">打印机没有响应</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="129" />
            <source>Please tell the welfare manager at the desk, or tap “Ask for help”. Your sheet prints as soon as the printer is back.</source>
            <translation type="unfinished">请告诉服务台的工作人员，或点击“求助”。打印机恢复后会马上打印。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="133" />
            <source>Printing…</source>
            <translation type="unfinished">正在打印…</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="133" />
            <source>This is what is being printed.</source>
            <translation type="unfinished">这是正在打印的内容。</translation>
        </message>
    </context>
    <context>
        <name>Privacy</name>
        <message>
            <location filename="../../kiosk/core/privacy.py" line="26" />
            <source>Data controller</source>
            <translation type="unfinished">数据控制者</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/privacy.py" line="27" />
            <source>Why your data is used</source>
            <translation type="unfinished">为什么使用您的数据</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/privacy.py" line="28" />
            <source>Legal basis</source>
            <translation type="unfinished">法律依据</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/privacy.py" line="29" />
            <source>How long it is kept</source>
            <translation type="unfinished">保存多长时间</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/privacy.py" line="30" />
            <source>Your rights</source>
            <translation type="unfinished">您的权利</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/privacy.py" line="31" />
            <source>Data protection officer</source>
            <translation type="unfinished">数据保护官</translation>
        </message>
    </context>
    <context>
        <name>ReviewView</name>
        <message>
            <location filename="../../kiosk/ui/widgets/application_review.py" line="31" />
            <source>Change</source>
            <translation type="unfinished">修改</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/application_review.py" line="48" />
            <source>The Comune examines every application: this kiosk does not decide who is admitted.</source>
            <translation type="unfinished">每份申请都由市政府审核：本机不决定谁获批准。</translation>
        </message>
    </context>
    <context>
        <name>ScanNotice</name>
        <message>
            <location filename="../../kiosk/ui/widgets/scan_notice.py" line="87" />
            <source>Code read</source>
            <translation type="unfinished">已读取代码</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/scan_notice.py" line="88" />
            <source>It is not needed on this page. You can carry on.</source>
            <translation type="unfinished">此页面不需要它。您可以继续操作。</translation>
        </message>
    </context>
    <context>
        <name>ServiceDetailScreen</name>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="144" />
            <source>Print these details</source>
            <translation type="unfinished">打印这些信息</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="147" />
            <source>This service is no longer in the catalog.</source>
            <translation type="unfinished">此服务已不在目录中。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="156" />
            <source>Add to cart</source>
            <translation type="unfinished">加入购物车</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="158" />
            <source>✓ In your cart: {amount}. Change how many in the cart.</source>
            <translation type="unfinished">✓ 已在购物车中：{amount}。请在购物车中修改数量。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="160" />
            <source>Open the cart</source>
            <translation type="unfinished">打开购物车</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="162" />
            <source>Who can use it</source>
            <translation type="unfinished">谁可以使用</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="165" />
            <source>Residents of: {comuni}</source>
            <translation type="unfinished">以下市镇的居民：{comuni}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="168" />
            <source>Everyone, whichever Comune they live in</source>
            <translation type="unfinished">所有人，无论住在哪个市镇</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="169" />
            <source>Who provides it</source>
            <translation type="unfinished">服务提供方</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="173" />
            <source>Phone: {phone}</source>
            <translation type="unfinished">电话：{phone}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="178" />
            <source>E-mail: {email}</source>
            <translation type="unfinished">电子邮件：{email}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="180" />
            <source>Address: {address}</source>
            <translation type="unfinished">地址：{address}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="182" />
            <source>Scan with your phone to save the provider's contact</source>
            <translation type="unfinished">用手机扫码保存服务提供方的联系方式</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="190" />
            <source>Privacy notice</source>
            <translation type="unfinished">隐私告知</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="207" />
            <source>Your cart already holds {n} services, as many as one order can take. Complete this order first, then add this service in a new one.</source>
            <translation type="unfinished">您的购物车已有 {n} 项服务，这是一个订单最多可包含的数量。请先完成此订单，再在新订单中添加此服务。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="198" />
            <source>One less</source>
            <translation type="unfinished">减少一个</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="199" />
            <source>One more</source>
            <translation type="unfinished">增加一个</translation>
        </message>
    </context>
    <context>
        <name>ServiceListScreen</name>
        <message>
            <location filename="../../kiosk/ui/screens/service_list.py" line="74" />
            <source>Services for residents of {comune}</source>
            <translation type="unfinished">{comune} 居民可用的服务</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_list.py" line="76" />
            <source>Services for residents of every Comune of the network</source>
            <translation type="unfinished">网络内所有市镇居民可用的服务</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/screens/service_list.py" line="103" />
            <source>Show more services (%n more)</source>
            <translation type="unfinished">
                <numerusform>显示更多服务（还有 %n 项）</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Slips</name>
        <message>
            <location filename="../../kiosk/core/applying.py" line="87" />
            <source>The Comune will contact you after examining the application.</source>
            <translation type="unfinished">市政府审核申请后会联系您。</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/applying.py" line="88" />
            <source>Keep this receipt: you need it to ask how your application is going.</source>
            <translation type="unfinished">请保存此收据：查询申请进展时需要它。</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/purchasing.py" line="47" />
            <source>You pay the provider when you get the service. The kiosk never takes money.</source>
            <translation type="unfinished">接受服务时付款给服务提供方。本机从不收钱。</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/purchasing.py" line="49" />
            <source>Paid with your welfare credit. The kiosk never takes money.</source>
            <translation type="unfinished">已用福利余额支付。本机从不收钱。</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/purchasing.py" line="51" />
            <source>Paid at the Social Point desk.</source>
            <translation type="unfinished">已在 Social Point 服务台付款。</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/purchasing.py" line="53" />
            <source>One voucher per service comes out: show it to the provider.</source>
            <translation type="unfinished">每项服务会打出一张代金券：请出示给服务提供方。</translation>
        </message>
    </context>
    <context>
        <name>SpokenMode</name>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="122" />
            <source>Spoken mode is on. Arrows or Tab move between controls, OK chooses, the back key goes back, the help key asks for help, F5 repeats, plus and minus change the volume.</source>
            <translation type="unfinished">语音模式已开启。方向键或 Tab 在控件之间移动，OK 选择，返回键返回，帮助键请求帮助，F5 重复，加号和减号调节音量。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="158" />
            <source>text field</source>
            <translation type="unfinished">文本框</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="161" />
            <location filename="../../kiosk/ui/spoken_mode.py" line="176" />
            <source>empty</source>
            <translation type="unfinished">空</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/spoken_mode.py" line="163" />
            <source>%n character(s), hidden</source>
            <translation type="unfinished">
                <numerusform>%n 个字符，已隐藏</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="165" />
            <location filename="../../kiosk/ui/spoken_mode.py" line="172" />
            <source>contains {text}</source>
            <translation type="unfinished">内容为 {text}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="167" />
            <location filename="../../kiosk/ui/spoken_mode.py" line="174" />
            <source>filled in, hidden: use a headset to hear it</source>
            <translation type="unfinished">已填写，已隐藏：请使用耳机收听</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="177" />
            <source>button</source>
            <translation type="unfinished">按钮</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="179" />
            <source>selected</source>
            <translation type="unfinished">已选择</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="179" />
            <source>not selected</source>
            <translation type="unfinished">未选择</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="181" />
            <source>not available</source>
            <translation type="unfinished">不可用</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="193" />
            <source>Screen: {title}</source>
            <translation type="unfinished">屏幕：{title}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="217" />
            <source>A receipt is being printed. Use a headset to hear what it says.</source>
            <translation type="unfinished">正在打印收据。请使用耳机收听内容。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="269" />
            <source>Error: {text}</source>
            <translation type="unfinished">错误：{text}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="306" />
            <source>Volume {n} percent</source>
            <translation type="unfinished">音量百分之 {n}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="82" />
            <source>plus</source>
            <translation type="unfinished">加</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="82" />
            <source>less than</source>
            <translation type="unfinished">小于</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="82" />
            <source>more than</source>
            <translation type="unfinished">大于</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="252" />
            <source>Personal details are not read on the loudspeaker: use a headset.</source>
            <translation type="unfinished">个人信息不会通过扬声器朗读：请使用耳机。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="265" />
            <source>a message with personal details: use a headset to hear it</source>
            <translation type="unfinished">一条含有个人信息的消息：请使用耳机收听</translation>
        </message>
    </context>
    <context>
        <name>StillTherePanel</name>
        <message>
            <location filename="../../kiosk/ui/widgets/still_there.py" line="76" />
            <source>Are you still there?</source>
            <translation type="unfinished">您还在吗？</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/widgets/still_there.py" line="77" />
            <source>%n second(s)</source>
            <translation type="unfinished">
                <numerusform>%n 秒</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/still_there.py" line="79" />
            <source>When the time runs out, what you entered is cleared so the next person cannot see it, and the kiosk goes back to the start.</source>
            <translation type="unfinished">时间到后，您输入的内容会被清除，下一位用户看不到，本机会回到首页。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/still_there.py" line="81" />
            <source>Continue</source>
            <translation type="unfinished">继续</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/still_there.py" line="82" />
            <source>I need more time</source>
            <translation type="unfinished">我需要更多时间</translation>
        </message>
    </context>
    <context>
        <name>SyncBadge</name>
        <message>
            <location filename="../../kiosk/ui/widgets/sync_badge.py" line="35" />
            <source>● Online</source>
            <translation type="unfinished">● 已联网</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/sync_badge.py" line="35" />
            <source>○ Offline</source>
            <translation type="unfinished">○ 未联网</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/widgets/sync_badge.py" line="37" />
            <source>%n record(s) waiting to be sent</source>
            <translation type="unfinished">
                <numerusform>%n 条记录等待发送</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/sync_badge.py" line="42" />
            <source>synced at {time}</source>
            <translation type="unfinished">{time} 已同步</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/sync_badge.py" line="50" />
            <source>synced on {day} at {time}</source>
            <translation type="unfinished">{day} {time} 已同步</translation>
        </message>
    </context>
    <context>
        <name>Texts</name>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="72" />
            <source>Information only: no booking here</source>
            <translation type="unfinished">仅提供信息：此处不能预订</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="74" />
            <source>Free of charge</source>
            <translation type="unfinished">免费</translation>
        </message>
    </context>
    <context>
        <name>Units</name>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="18" />
            <source>hour</source>
            <translation type="unfinished">小时</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="19" />
            <source>day</source>
            <translation type="unfinished">天</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="20" />
            <source>week</source>
            <translation type="unfinished">周</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="21" />
            <source>month</source>
            <translation type="unfinished">月</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="22" />
            <source>meal</source>
            <translation type="unfinished">餐</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="23" />
            <source>session</source>
            <translation type="unfinished">次</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="24" />
            <source>course</source>
            <translation type="unfinished">期课程</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="25" />
            <source>ride</source>
            <translation type="unfinished">趟</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="26" />
            <source>delivery</source>
            <translation type="unfinished">次配送</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="27" />
            <source>kg</source>
            <translation type="unfinished">公斤</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="28" />
            <source>visit</source>
            <translation type="unfinished">次</translation>
        </message>
    </context>
    <context>
        <name>Validators</name>
        <message>
            <location filename="../../forms/validators.py" line="25" />
            <source>A codice fiscale has 16 characters: check that you typed them all.</source>
            <translation type="unfinished">税号（codice fiscale）有 16 位：请检查是否全部输入。</translation>
        </message>
        <message>
            <location filename="../../forms/validators.py" line="28" />
            <source>This codice fiscale is not valid: check its letters and digits.</source>
            <translation type="unfinished">此税号无效：请检查字母和数字。</translation>
        </message>
        <message>
            <location filename="../../forms/validators.py" line="31" />
            <source>This codice fiscale is not valid: its date of birth does not exist.</source>
            <translation type="unfinished">此税号无效：其中的出生日期不存在。</translation>
        </message>
        <message>
            <location filename="../../forms/validators.py" line="36" />
            <source>This codice fiscale is not valid: a letter or digit is wrong, compare it with the health card.</source>
            <translation type="unfinished">此税号无效：有一个字母或数字错了，请与医保卡核对。</translation>
        </message>
        <message>
            <location filename="../../forms/validators.py" line="41" />
            <source>An Italian IBAN has 27 characters and starts with IT.</source>
            <translation type="unfinished">意大利 IBAN 有 27 位，以 IT 开头。</translation>
        </message>
        <message>
            <location filename="../../forms/validators.py" line="44" />
            <source>This IBAN is not valid: check the digits, one may be wrong.</source>
            <translation type="unfinished">此 IBAN 无效：请检查数字，可能有一位错了。</translation>
        </message>
        <message>
            <location filename="../../forms/validators.py" line="47" />
            <source>This IBAN is not valid: check the letter after IT and its two digits (the CIN).</source>
            <translation type="unfinished">此 IBAN 无效：请检查 IT 后面的字母及其后两位数字（CIN）。</translation>
        </message>
        <message>
            <location filename="../../forms/validators.py" line="51" />
            <source>Type a whole phone number, like 347 123 4567 or +40 721 234 567.</source>
            <translation type="unfinished">请输入完整的电话号码，例如 347 123 4567 或 +86 139 1234 5678。</translation>
        </message>
        <message>
            <location filename="../../forms/validators.py" line="54" />
            <source>This e-mail address is not valid: it should look like name@example.it.</source>
            <translation type="unfinished">电子邮件地址无效：格式应为 name@example.it。</translation>
        </message>
        <message>
            <location filename="../../forms/validators.py" line="57" />
            <source>A postcode (CAP) has 5 digits, for example 35016.</source>
            <translation type="unfinished">邮政编码（CAP）有 5 位数字，例如 35016。</translation>
        </message>
    </context>
    <context>
        <name>WalletRefusal</name>
        <message numerus="yes">
            <location filename="../../kiosk/ui/widgets/identify.py" line="266" />
            <source>The codice fiscale or the wallet PIN is not right. Please try again (%n try(ies) left).</source>
            <translation type="unfinished">
                <numerusform>税号或钱包密码不正确。请再试一次（还剩 %n 次机会）。</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>WalletScreen</name>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="111" />
            <source>{left} left of {whole}</source>
            <translation type="unfinished">剩余 {left}（共 {whole}）</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="89" />
            <source>Code {code} · valid until {day}</source>
            <translation type="unfinished">代码 {code} · 有效期至 {day}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="92" />
            <source>Print</source>
            <translation type="unfinished">打印</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="98" />
            <source>My vouchers</source>
            <translation type="unfinished">我的代金券</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="115" />
            <source>There are no vouchers in your name to print. If the Comune has just approved yours, it may take a few minutes to reach this kiosk.</source>
            <translation type="unfinished">您名下没有可打印的代金券。如果市政府刚刚批准，可能需要几分钟才能传到本机。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="122" />
            <source>This Social Point has not reached the welfare platform yet, so it cannot show your vouchers. Please ask a welfare manager, or try again later.</source>
            <translation type="unfinished">本 Social Point 尚未连接到福利平台，所以无法显示您的代金券。请询问工作人员，或稍后再试。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="126" />
            <source>The voucher could not be printed. Please ask a welfare manager.</source>
            <translation type="unfinished">代金券无法打印。请询问工作人员。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="128" />
            <source>Your vouchers could not be read just now. Please try again, or ask a welfare manager.</source>
            <translation type="unfinished">目前无法读取您的代金券。请再试一次，或询问工作人员。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="117" />
            <source>Vouchers in your name, granted by the Comune or bought here, can be printed again. Type your codice fiscale or pass your health card over the reader, then your wallet PIN.</source>
            <translation type="unfinished">以您名义的券（市政府发放或在此购买）可以重新打印。请输入您的税号或在读卡器上刷健康卡，然后输入钱包密码。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="160" />
            <source>For your safety, this kiosk will not open your wallet for 24 hours after too many tries. A welfare manager can help you at the desk with an identity document; nothing in your wallet is lost.</source>
            <translation type="unfinished">为了您的安全，尝试次数过多后，本机 24 小时内不会打开您的钱包。工作人员可以在服务台凭身份证件帮助您；钱包里的内容不会丢失。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="167" />
            <source>For your safety, your wallet is locked after too many wrong PINs. The welfare manager or the Comune can give you a new PIN when you show an identity document; nothing in your wallet is lost.</source>
            <translation type="unfinished">为了您的安全，由于密码错误次数过多，您的钱包已被锁定。出示身份证件后，工作人员或市政府可以给您新的密码；钱包里的内容不会丢失。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="167" />
            <source>Your wallet has just been closed here: its PIN was changed, or the platform closed it. Nothing in your wallet is lost. Please ask a welfare manager, who can help you with an identity document.</source>
            <translation type="unfinished">您的钱包刚刚在此处被关闭：它的密码已被更改，或平台已将其关闭。钱包里的内容不会丢失。请向工作人员求助，他们可以凭身份证件帮助您。</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="139" />
            <source>This Social Point has not reached the welfare platform yet, so it cannot open your wallet. Please ask a welfare manager, or try again later.</source>
            <translation type="unfinished">本 Social Point 尚未连接到福利平台，因此无法打开您的钱包。请询问工作人员，或稍后再试。</translation>
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
