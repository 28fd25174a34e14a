// SPDX-License-Identifier: EUPL-1.2
// The shop's camera on the accept page: frames from the back camera are decoded with the
// browser's BarcodeDetector where it has one, else with jsQR (shipped beside this file,
// Apache-2.0); the first QR found fills the code field and sends the form. Without a
// camera (or permission) the page stays as it is: the code is typed.
(function () {
  "use strict";
  var start = document.getElementById("scan-start");
  var panel = document.getElementById("scanner");
  var video = document.getElementById("scan-video");
  var status = document.getElementById("scan-status");
  var field = document.getElementById("code");
  if (!start || !panel || !video || !field || !navigator.mediaDevices) return;
  start.hidden = false;
  var canvas = document.createElement("canvas");
  var context = canvas.getContext("2d", { willReadFrequently: true });
  var detector = null;
  if ("BarcodeDetector" in window) {
    try { detector = new window.BarcodeDetector({ formats: ["qr_code"] }); } catch (e) { detector = null; }
  }

  function found(text) {
    field.value = text;
    status.textContent = panel.getAttribute("data-found");
    var tracks = video.srcObject ? video.srcObject.getTracks() : [];
    tracks.forEach(function (track) { track.stop(); });
    field.form.submit();
  }

  function frame() {
    if (video.readyState < 2) { requestAnimationFrame(frame); return; }
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    context.drawImage(video, 0, 0);
    if (detector) {
      detector.detect(canvas).then(function (codes) {
        if (codes.length) found(codes[0].rawValue); else requestAnimationFrame(frame);
      }, function () { detector = null; requestAnimationFrame(frame); });
      return;
    }
    var image = context.getImageData(0, 0, canvas.width, canvas.height);
    var code = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
    if (code && code.data) found(code.data); else requestAnimationFrame(frame);
  }

  start.addEventListener("click", function () {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (stream) {
        panel.hidden = false;
        status.textContent = panel.getAttribute("data-looking");
        video.srcObject = stream;
        return video.play();
      })
      .then(function () { requestAnimationFrame(frame); })
      .catch(function () {
        panel.hidden = false;
        status.textContent = panel.getAttribute("data-no-camera");
      });
  });
})();
