"""An administrator brings the council's index in: upload the workbook, see every problem or what
it would change, then confirm. Nothing is saved until the confirmation, and then all or nothing."""

import base64
import hashlib

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from indicators.access import permission_page
from indicators.entry.upload import UploadRefusedError
from indicators.suite_import import layout
from indicators.suite_import.reader import MAX_BYTES, read_index_workbook
from indicators.suite_import.services import import_index, plan_import
from indicators.suite_import.template import index_workbook

SESSION_KEY = "index_import"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


administrators_page = permission_page("indicators.add_indicator", "administrators")


@administrators_page
@require_http_methods(["GET", "POST"])
def upload(request):
    context = {"layout": layout, "max_kb": MAX_BYTES // 1024}
    if request.method == "GET":
        return render(request, "indicators/suite_import/upload.html", context)
    upload = request.FILES.get("workbook")
    if upload is None:
        context["problems"] = ["Select the index workbook to upload"]
        return render(request, "indicators/suite_import/upload.html", context, status=400)
    if upload.size > MAX_BYTES:
        context["problems"] = [f"The file must be smaller than {MAX_BYTES // 1024:,} KB"]
        return render(request, "indicators/suite_import/upload.html", context, status=400)
    data = upload.read()
    try:
        workbook = read_index_workbook(data)
    except UploadRefusedError as refused:
        context["problems"] = refused.problems
        return render(request, "indicators/suite_import/upload.html", context, status=400)
    request.session[SESSION_KEY] = {
        "name": upload.name[:200],
        "data": base64.b64encode(data).decode(),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    context.update(plan=plan_import(workbook), file_name=upload.name, workbook=workbook)
    return render(request, "indicators/suite_import/preview.html", context)


@administrators_page
@require_POST
def confirm(request):
    held = request.session.get(SESSION_KEY)
    if not held or held.get("sha256") != request.POST.get("sha256"):
        messages.error(
            request, "That preview has expired or was replaced by another upload: upload the workbook again."
        )
        return redirect("suite_import:upload")
    data = base64.b64decode(held["data"])
    try:
        workbook = read_index_workbook(data)
    except UploadRefusedError:
        messages.error(request, "The workbook could not be read again: upload it again.")
        return redirect("suite_import:upload")
    plan = import_index(workbook, user=request.user, file_name=held["name"])
    del request.session[SESSION_KEY]
    messages.success(
        request,
        f"{held['name']} is imported: {len(plan.new_indicators)} new indicators, "
        f"{len(plan.changed_indicators)} changed; {plan.new_figures:,} new figures, "
        f"{plan.changed_figures:,} changed and {len(plan.corrections)} corrections.",
    )
    return redirect("indicators:index")


@administrators_page
def template(request):
    response = HttpResponse(index_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="performance-index.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response
