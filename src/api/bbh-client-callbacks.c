/* bbh-client-callbacks.c — callbacks and the SmartTel phone box
 *
 * Sections 2.3 and 2.5.1 of the document: callbackPhone, getCallbackList and sendTelCall.
 * The shared parse and finish helpers live in bbh-client-records.c
 * (bbh-client-records-private.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-client-records"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bbh-client-records.h"
#include "bbh-client-records-private.h"

static gpointer
parse_callbacks (JsonObject  *root,
                 GError     **error)
{
  return bbh_records_parse_list (root, BBH_TYPE_CALLBACK, bbh_callback_parse);
}

/* 2.3.1 callbackPhone */

/**
 * bbh_client_callback_phone_async:
 * @source_phone: (nullable): rung first; %NULL for the agent's own account, as the
 *   vendor's SDK does
 * @dest_phone: the customer, put through when @source_phone answers
 * @callback_url: (nullable): a URL the server calls on progress, may contain `{cbkId}`;
 *   sent as base64, as the document asks
 * @param_value: (nullable): passed through as `paramvalue`
 */
void
bbh_client_callback_phone_async (BbhClient           *self,
                                 const char          *source_phone,
                                 const char          *dest_phone,
                                 const char          *callback_url,
                                 const char          *param_value,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url64 = NULL;
  BbhParams *params;

  g_return_if_fail (BBH_IS_CLIENT (self));

  if (source_phone == NULL)
    source_phone = bbh_client_get_account (self);

  if (!bbh_check_phone (source_phone, _("number to ring first"), &error)
      || !bbh_check_phone (dest_phone, _("number to call"), &error))
    {
      bbh_client_report_error (self, bbh_client_callback_phone_async, callback, user_data,
                               g_steal_pointer (&error));
      return;
    }

  if (callback_url != NULL && *callback_url != '\0')
    {
      if (!g_str_has_prefix (callback_url, "http://") && !g_str_has_prefix (callback_url, "https://"))
        {
          bbh_client_report_error (self, bbh_client_callback_phone_async, callback, user_data,
                                   g_error_new_literal (BBH_ERROR, BBH_ERROR_INVALID,
                                                        _("The callback address must start with http:// or https://.")));
          return;
        }
      url64 = g_base64_encode ((const guchar *) callback_url, strlen (callback_url));
    }

  params = bbh_params_new ();
  bbh_params_add (params, "sourcePhone", source_phone);
  bbh_params_add (params, "descPhone", dest_phone);
  bbh_params_add (params, "callbackUrl", url64);
  bbh_params_add (params, "paramvalue", param_value);
  bbh_client_call_async (self, "callbackPhone", params, BBH_CALL_DEFAULT,
                         bbh_records_parse_created_id, g_free,
                         bbh_client_callback_phone_async,
                         cancellable, callback, user_data);
}

/**
 * bbh_client_callback_phone_finish:
 *
 * Returns: the callback's id, to follow with bbh_client_get_callback_list_async(); 0 with
 *   @error set on failure.
 */
gint64
bbh_client_callback_phone_finish (BbhClient     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return bbh_records_finish_id (self, result, bbh_client_callback_phone_async, error);
}

/* 2.3.2 getCallbackList */

/**
 * bbh_client_get_callback_list_async:
 * @start: first row, from 0
 * @limit: rows; 0 for the document's default of 25
 * @extension: (nullable): only this agent's callbacks
 * @start_time: (nullable): created at or after
 * @end_time: (nullable): created at or before
 * @id: one callback (as callbackPhone returned it); 0 for any
 */
void
bbh_client_get_callback_list_async (BbhClient           *self,
                                    guint                start,
                                    guint                limit,
                                    const char          *extension,
                                    GDateTime           *start_time,
                                    GDateTime           *end_time,
                                    gint64               id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *start_text = bbh_records_format_time (start_time);
  g_autofree char *end_text = bbh_records_format_time (end_time);
  BbhParams *params;

  g_return_if_fail (BBH_IS_CLIENT (self));

  params = bbh_params_new ();
  bbh_params_add_int (params, "start", start);
  bbh_params_add_int (params, "limit", limit > 0 ? limit : 25);
  if (extension != NULL && *extension != '\0')
    bbh_params_add (params, "extension", extension);
  bbh_params_add (params, "startTime", start_text);
  bbh_params_add (params, "endTime", end_text);
  if (id > 0)
    bbh_params_add_int (params, "id", id);
  bbh_client_call_async (self, "getCallbackList", params, BBH_CALL_DEFAULT,
                         parse_callbacks, (GDestroyNotify) bbh_list_free,
                         bbh_client_get_callback_list_async,
                         cancellable, callback, user_data);
}

/**
 * bbh_client_get_callback_list_finish:
 * @out_total: (out) (optional): the server's total
 *
 * Returns: (transfer full): a #GListModel of #BbhCallback.
 */
GListModel *
bbh_client_get_callback_list_finish (BbhClient     *self,
                                     GAsyncResult  *result,
                                     guint64       *out_total,
                                     GError       **error)
{
  return bbh_client_call_finish_list (self, result, bbh_client_get_callback_list_async,
                                      out_total, error);
}

/* 2.5.1 sendTelCall */

/* Twelve hex digits, optionally in pairs separated by ':' or '-'. */
static gboolean
is_mac_address (const char *mac)
{
  guint digits = 0;

  for (const char *p = mac; *p; p++)
    {
      if (g_ascii_isxdigit (*p))
        digits++;
      else if (*p != ':' && *p != '-')
        return FALSE;
    }
  return digits == 12;
}

/**
 * bbh_client_send_tel_call_async:
 * @mac: the phone box's MAC address, as it reports it
 * @channel: its line, from 1
 * @phone: the number to dial
 */
void
bbh_client_send_tel_call_async (BbhClient           *self,
                                const char          *mac,
                                guint                channel,
                                const char          *phone,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  BbhParams *params;

  g_return_if_fail (BBH_IS_CLIENT (self));

  if (mac == NULL || !is_mac_address (mac))
    g_set_error_literal (&error, BBH_ERROR, BBH_ERROR_INVALID,
                         _("The phone box's MAC address should be twelve hexadecimal digits, such as 00:1A:2B:3C:4D:5E."));
  else if (channel < 1)
    g_set_error_literal (&error, BBH_ERROR, BBH_ERROR_INVALID,
                         _("The phone box's lines are numbered from 1."));
  else
    bbh_check_phone (phone, _("phone number"), &error);
  if (error != NULL)
    {
      bbh_client_report_error (self, bbh_client_send_tel_call_async, callback, user_data,
                               g_steal_pointer (&error));
      return;
    }

  params = bbh_params_new ();
  bbh_params_add (params, "mac", mac);
  bbh_params_add_int (params, "channel", channel);
  bbh_params_add (params, "phone", phone);
  bbh_client_call_async (self, "sendTelCall", params, BBH_CALL_DEFAULT, NULL, NULL,
                         bbh_client_send_tel_call_async, cancellable, callback, user_data);
}

gboolean
bbh_client_send_tel_call_finish (BbhClient     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return bbh_records_finish_ok (self, result, bbh_client_send_tel_call_async, error);
}
