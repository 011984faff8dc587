/* bbh-records-private.h — what the call-record, callback, voice and SMS files share
 *
 * The result objects of bbh-client-records.c are built by these parse functions, and the
 * server's times ("yyyy-mm-dd hh:mm:ss", local time) and durations go through the helpers
 * below, so that every object reads them the same lenient way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "bbh-area.h"
#include "bbh-call-record.h"
#include "bbh-call-record-query.h"
#include "bbh-callback.h"
#include "bbh-cdr-upload.h"
#include "bbh-client-private.h"
#include "bbh-phone-audit.h"
#include "bbh-phone-audit-query.h"
#include "bbh-task-phone.h"

G_BEGIN_DECLS

/* "yyyy-mm-dd hh:mm:ss" (also with a 'T', without seconds, or a bare date) in local time,
 * or Unix milliseconds; NULL for anything else, never a crash. */
GDateTime   *bbh_records_parse_time       (const char    *text);
/* The document's format, in local time; NULL for NULL. */
char        *bbh_records_format_time      (GDateTime     *time);
/* Seconds from a number, a numeric string or "[h:]mm:ss"; @fallback when unreadable. */
int          bbh_records_get_seconds      (JsonObject    *object,
                                           const char    *member,
                                           int            fallback);
/* The object that carries a single result: @root itself when it has @probe, otherwise the
 * first of `data`, `result`, `rows[0]` that is an object and has it. */
JsonObject  *bbh_records_find_object      (JsonObject    *root,
                                           const char    *probe);

gpointer     bbh_call_record_parse        (JsonObject    *object);
gpointer     bbh_callback_parse           (JsonObject    *object);
gpointer     bbh_phone_audit_parse        (JsonObject    *object);
gpointer     bbh_area_parse               (JsonObject    *root,
                                           GError       **error);
/* NULL without an error when the task has no numbers left. */
gpointer     bbh_task_phone_parse         (JsonObject    *root,
                                           GError       **error);

/* Append the query's parameters in the document's order. */
void         bbh_call_record_query_to_params   (const BbhCallRecordQuery *query,
                                                BbhParams                *params);
void         bbh_phone_audit_query_to_params   (const BbhPhoneAuditQuery *query,
                                                BbhParams                *params);
void         bbh_cdr_upload_to_params          (const BbhCdrUpload       *upload,
                                                BbhParams                *params);

G_END_DECLS
