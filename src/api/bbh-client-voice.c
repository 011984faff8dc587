/* bbh-client-voice.c — SMS sending, IVR dialling and voice verification
 *
 * Sections 2.2.3, 2.2.5 and 2.4 of the document: smsSend, setIvrDialing, phoneAudit and
 * getPhoneAudit. Each method checks what it can before sending (numbers, empty lists, the
 * 70-character SMS limit) so that an obviously wrong request fails in words without a round
 * trip.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-client-records"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bbh-client-records.h"
#include "bbh-client-records-private.h"

/* 2.2.3 smsSend */

/**
 * bbh_client_sms_send_async:
 * @phones: (array zero-terminated=1): the numbers, at least one; sent joined with “,”
 * @text: at most %BBH_SMS_MAX_CHARS characters (Chinese characters count one each)
 * @list_id: the batch number (listId); negative not sent
 */
void
bbh_client_sms_send_async (BbhClient           *self,
                           const char * const  *phones,
                           const char          *text,
                           gint64               list_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *joined = NULL;
  BbhParams *params;

  g_return_if_fail (BBH_IS_CLIENT (self));

  if (phones == NULL || phones[0] == NULL)
    g_set_error_literal (&error, BBH_ERROR, BBH_ERROR_INVALID,
                         _("Choose at least one number to send the message to."));
  else
    for (guint i = 0; phones[i] != NULL && error == NULL; i++)
      bbh_check_phone (phones[i], _("phone number"), &error);

  if (error == NULL)
    {
      if (text == NULL || *text == '\0')
        g_set_error_literal (&error, BBH_ERROR, BBH_ERROR_INVALID, _("The message is empty."));
      else if (!g_utf8_validate (text, -1, NULL))
        g_set_error_literal (&error, BBH_ERROR, BBH_ERROR_INVALID,
                             _("The message contains characters that cannot be sent."));
      else if (g_utf8_strlen (text, -1) > BBH_SMS_MAX_CHARS)
        g_set_error (&error, BBH_ERROR, BBH_ERROR_INVALID,
                     /* Translators: %d is the limit (70), %ld the message's length */
                     _("The message is too long: at most %d characters, this one has %ld."),
                     BBH_SMS_MAX_CHARS, g_utf8_strlen (text, -1));
    }

  if (error != NULL)
    {
      bbh_client_report_error (self, bbh_client_sms_send_async, callback, user_data,
                               g_steal_pointer (&error));
      return;
    }

  joined = g_strjoinv (",", (char **) phones);
  params = bbh_params_new ();
  bbh_params_add (params, "phoneNum", joined);
  bbh_params_add (params, "memo", text);
  bbh_params_add_opt_int (params, "listId", list_id);
  bbh_client_call_async (self, "smsSend", params, BBH_CALL_DEFAULT, NULL, NULL,
                         bbh_client_sms_send_async, cancellable, callback, user_data);
}

gboolean
bbh_client_sms_send_finish (BbhClient     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return bbh_records_finish_ok (self, result, bbh_client_sms_send_async, error);
}

/* 2.2.5 setIvrDialing */

/**
 * bbh_client_set_ivr_dialing_async:
 * @source_phone: the caller
 * @dest_phone: the number the caller dialled
 * @dial_phone: the number to dial on the caller's behalf
 * @save_times: how long the entry stays valid (saveTimes); negative not sent
 */
void
bbh_client_set_ivr_dialing_async (BbhClient           *self,
                                  const char          *source_phone,
                                  const char          *dest_phone,
                                  const char          *dial_phone,
                                  int                  save_times,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  BbhParams *params;

  g_return_if_fail (BBH_IS_CLIENT (self));

  if (!bbh_check_phone (source_phone, _("calling number"), &error)
      || !bbh_check_phone (dest_phone, _("called number"), &error)
      || !bbh_check_phone (dial_phone, _("number to dial"), &error))
    {
      bbh_client_report_error (self, bbh_client_set_ivr_dialing_async, callback, user_data,
                               g_steal_pointer (&error));
      return;
    }

  params = bbh_params_new ();
  bbh_params_add (params, "sourcePhone", source_phone);
  bbh_params_add (params, "descPhone", dest_phone);
  bbh_params_add (params, "dialPhone", dial_phone);
  bbh_params_add_opt_int (params, "saveTimes", save_times);
  bbh_client_call_async (self, "setIvrDialing", params, BBH_CALL_DEFAULT, NULL, NULL,
                         bbh_client_set_ivr_dialing_async, cancellable, callback, user_data);
}

gboolean
bbh_client_set_ivr_dialing_finish (BbhClient     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return bbh_records_finish_ok (self, result, bbh_client_set_ivr_dialing_async, error);
}

/* 2.4.2 phoneAudit */

/**
 * bbh_client_phone_audit_async:
 * @code: what to read out (yzm): digits for %BBH_VOICE_DIGITS, text (Chinese allowed)
 *   otherwise
 * @kind: how to read it (type)
 * @connect_id: the caller's own id for the call (ws_wlstConnectId); 0 not sent
 * @phone: the number to call
 * @record: whether to record (isRecord)
 * @command_no: (nullable): the command number for %BBH_VOICE_FILE_LIST (commandNo)
 */
void
bbh_client_phone_audit_async (BbhClient           *self,
                              const char          *code,
                              BbhVoiceKind         kind,
                              gint64               connect_id,
                              const char          *phone,
                              BbhVoiceRecord       record,
                              const char          *command_no,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  BbhParams *params;

  g_return_if_fail (BBH_IS_CLIENT (self));

  if (!bbh_records_check_not_empty (code, _("The verification code is empty."), &error))
    ;
  else if (kind != BBH_VOICE_DIGITS && kind != BBH_VOICE_CHINESE
           && kind != BBH_VOICE_IFLYTEK && kind != BBH_VOICE_FILE_LIST)
    g_set_error_literal (&error, BBH_ERROR, BBH_ERROR_INVALID,
                         _("Choose how the verification code is read out."));
  else if (kind == BBH_VOICE_DIGITS && strspn (code, "0123456789") != strlen (code))
    g_set_error_literal (&error, BBH_ERROR, BBH_ERROR_INVALID,
                         _("A code read out as digits may contain only digits."));
  else if (record < BBH_VOICE_RECORD_NONE || record > BBH_VOICE_RECORD_AFTER_ANSWER)
    g_set_error_literal (&error, BBH_ERROR, BBH_ERROR_INVALID,
                         _("Choose whether the verification call is recorded."));
  else
    bbh_check_phone (phone, _("phone number"), &error);
  if (error != NULL)
    {
      bbh_client_report_error (self, bbh_client_phone_audit_async, callback, user_data,
                               g_steal_pointer (&error));
      return;
    }

  params = bbh_params_new ();
  bbh_params_add (params, "yzm", code);
  bbh_params_add_int (params, "type", kind);
  if (connect_id > 0)
    bbh_params_add_int (params, "ws_wlstConnectId", connect_id);
  bbh_params_add (params, "phone", phone);
  bbh_params_add_int (params, "isRecord", record);
  if (command_no != NULL && *command_no != '\0')
    bbh_params_add (params, "commandNo", command_no);
  bbh_client_call_async (self, "phoneAudit", params, BBH_CALL_DEFAULT,
                         bbh_records_parse_created_id, g_free,
                         bbh_client_phone_audit_async, cancellable, callback, user_data);
}

/**
 * bbh_client_phone_audit_finish:
 *
 * Returns: the call's id, to follow with bbh_client_get_phone_audit_async(); 0 with @error
 *   set on failure.
 */
gint64
bbh_client_phone_audit_finish (BbhClient     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return bbh_records_finish_id (self, result, bbh_client_phone_audit_async, error);
}

/* 2.4.3 getPhoneAudit */

static gpointer
parse_phone_audits (JsonObject  *root,
                    GError     **error)
{
  return bbh_records_parse_list (root, BBH_TYPE_PHONE_AUDIT, bbh_phone_audit_parse);
}

/**
 * bbh_client_get_phone_audit_async:
 * @query: what to look for; copied into the request, so it may be freed at once
 */
void
bbh_client_get_phone_audit_async (BbhClient                *self,
                                  const BbhPhoneAuditQuery *query,
                                  GCancellable             *cancellable,
                                  GAsyncReadyCallback       callback,
                                  gpointer                  user_data)
{
  BbhParams *params;

  g_return_if_fail (BBH_IS_CLIENT (self));
  g_return_if_fail (query != NULL);

  params = bbh_params_new ();
  bbh_phone_audit_query_to_params (query, params);
  bbh_client_call_async (self, "getPhoneAudit", params, BBH_CALL_DEFAULT,
                         parse_phone_audits, (GDestroyNotify) bbh_list_free,
                         bbh_client_get_phone_audit_async, cancellable, callback, user_data);
}

/**
 * bbh_client_get_phone_audit_finish:
 * @out_total: (out) (optional): the server's total
 *
 * Returns: (transfer full): a #GListModel of #BbhPhoneAudit.
 */
GListModel *
bbh_client_get_phone_audit_finish (BbhClient     *self,
                                   GAsyncResult  *result,
                                   guint64       *out_total,
                                   GError       **error)
{
  return bbh_client_call_finish_list (self, result, bbh_client_get_phone_audit_async,
                                      out_total, error);
}
