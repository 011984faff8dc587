/* bbh-call-flow.c
 *
 * Section 2.10.1: every cf* member of a flow, and its settings put in words for the
 * campaigns page. Enumerations the server did not send are -1.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-call-flow"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bbh-admin-private.h"
#include "bbh-call-flow-private.h"

struct _BbhCallFlow
{
  GObject parent_instance;

  gint64  id;
  char   *name;
  char   *task_name;
  gint64  task_id;
  int     dial_seconds;
  char   *voice_path;
  int     transfer_mode;
  int     play_seconds;
  int     recording;
  int     send_interval;
  int     sms_status;
  int     sms_after_seconds;
  char   *sms_content;
};

G_DEFINE_FINAL_TYPE (BbhCallFlow, bbh_call_flow, G_TYPE_OBJECT)

/* The document's spelling, typos included (cfItransferMode, cfISmsTims); the alternatives
 * are the spellings addTask and findTaskMx use for the same flow (cflId, cflName). */
static const BbhAdminField fields[] = {
  BBH_ADMIN_INT64  ("id", "cfId", "cflId", BbhCallFlow, id, 0),
  BBH_ADMIN_STRING ("name", "cfName", "cflName", BbhCallFlow, name),
  BBH_ADMIN_STRING ("task-name", "ctkName", NULL, BbhCallFlow, task_name),
  /* Not in the document's list, but the server's rows carry the task beside its name. */
  BBH_ADMIN_INT64  ("task-id", "ctkId", NULL, BbhCallFlow, task_id, 0),
  BBH_ADMIN_INT    ("dial-seconds", "compGroupCallTimes", NULL, BbhCallFlow, dial_seconds, 0),
  BBH_ADMIN_STRING ("voice-path", "cfIsend_wfPath", "wfPath", BbhCallFlow, voice_path),
  BBH_ADMIN_INT    ("transfer-mode", "cfItransferMode", "cfITransferMode", BbhCallFlow, transfer_mode, -1),
  BBH_ADMIN_INT    ("play-seconds", "cfItransferTimes", "cfITransferTimes", BbhCallFlow, play_seconds, 0),
  BBH_ADMIN_INT    ("recording", "cfIIsRecord", NULL, BbhCallFlow, recording, -1),
  BBH_ADMIN_INT    ("send-interval", "cfISendInterval", NULL, BbhCallFlow, send_interval, 0),
  BBH_ADMIN_INT    ("sms-status", "cfISmsStatus", NULL, BbhCallFlow, sms_status, -1),
  BBH_ADMIN_INT    ("sms-after-seconds", "cfISmsTims", "cfISmsTimes", BbhCallFlow, sms_after_seconds, 0),
  BBH_ADMIN_STRING ("sms-content", "cfISmsContent", NULL, BbhCallFlow, sms_content),
};

gpointer
bbh_call_flow_new_from_json (JsonObject *row)
{
  BbhCallFlow *self;

  if (!json_object_has_member (row, "cfId") && !json_object_has_member (row, "cflId")
      && !json_object_has_member (row, "cfName") && !json_object_has_member (row, "cflName"))
    return NULL;

  self = g_object_new (BBH_TYPE_CALL_FLOW, NULL);
  bbh_admin_fields_parse (self, fields, G_N_ELEMENTS (fields), row);
  return self;
}

static void
bbh_call_flow_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  if (!bbh_admin_fields_get_property (object, fields, G_N_ELEMENTS (fields), prop_id, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
bbh_call_flow_finalize (GObject *object)
{
  bbh_admin_fields_free (object, fields, G_N_ELEMENTS (fields));

  G_OBJECT_CLASS (bbh_call_flow_parent_class)->finalize (object);
}

static void
bbh_call_flow_class_init (BbhCallFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bbh_call_flow_get_property;
  object_class->finalize = bbh_call_flow_finalize;

  bbh_admin_fields_install (object_class, fields, G_N_ELEMENTS (fields));
}

static void
bbh_call_flow_init (BbhCallFlow *self)
{
}

/**
 * bbh_call_flow_get_id:
 *
 * Returns: `cfId`, the flow's id (64-bit); findTaskMx calls it `cflId`.
 */
gint64
bbh_call_flow_get_id (BbhCallFlow *self)
{
  g_return_val_if_fail (BBH_IS_CALL_FLOW (self), 0);
  return self->id;
}

/**
 * bbh_call_flow_get_name:
 *
 * Returns: (nullable): `cfName`; addTask names the flow by it (`cflName`).
 */
const char *
bbh_call_flow_get_name (BbhCallFlow *self)
{
  g_return_val_if_fail (BBH_IS_CALL_FLOW (self), NULL);
  return self->name;
}

const char *
bbh_call_flow_get_task_name (BbhCallFlow *self)
{
  g_return_val_if_fail (BBH_IS_CALL_FLOW (self), NULL);
  return self->task_name;
}

/**
 * bbh_call_flow_get_task_id:
 *
 * Returns: `ctkId`, the task of this row (several tasks may follow one flow), or 0 when the
 *   server did not say.
 */
gint64
bbh_call_flow_get_task_id (BbhCallFlow *self)
{
  g_return_val_if_fail (BBH_IS_CALL_FLOW (self), 0);
  return self->task_id;
}

/**
 * bbh_call_flow_get_dial_seconds:
 *
 * Returns: `compGroupCallTimes`, how long each number rings, in seconds.
 */
int
bbh_call_flow_get_dial_seconds (BbhCallFlow *self)
{
  g_return_val_if_fail (BBH_IS_CALL_FLOW (self), 0);
  return self->dial_seconds;
}

/**
 * bbh_call_flow_get_voice_path:
 *
 * Returns: (nullable): `cfIsend_wfPath`, the message file relative to `/voip/sound/`;
 *   see bbh_client_dup_sound_url().
 */
const char *
bbh_call_flow_get_voice_path (BbhCallFlow *self)
{
  g_return_val_if_fail (BBH_IS_CALL_FLOW (self), NULL);
  return self->voice_path;
}

/**
 * bbh_call_flow_get_transfer_mode:
 *
 * Returns: `cfItransferMode`, a #BbhTransferMode, or -1.
 */
int
bbh_call_flow_get_transfer_mode (BbhCallFlow *self)
{
  g_return_val_if_fail (BBH_IS_CALL_FLOW (self), -1);
  return self->transfer_mode;
}

/**
 * bbh_call_flow_get_play_seconds:
 *
 * Returns: `cfItransferTimes`, how long the message plays, in seconds.
 */
int
bbh_call_flow_get_play_seconds (BbhCallFlow *self)
{
  g_return_val_if_fail (BBH_IS_CALL_FLOW (self), 0);
  return self->play_seconds;
}

/**
 * bbh_call_flow_get_recording:
 *
 * Returns: `cfIIsRecord`, a #BbhFlowRecording, or -1.
 */
int
bbh_call_flow_get_recording (BbhCallFlow *self)
{
  g_return_val_if_fail (BBH_IS_CALL_FLOW (self), -1);
  return self->recording;
}

/**
 * bbh_call_flow_get_send_interval:
 *
 * Returns: `cfISendInterval`, seconds between two calls of the campaign.
 */
int
bbh_call_flow_get_send_interval (BbhCallFlow *self)
{
  g_return_val_if_fail (BBH_IS_CALL_FLOW (self), 0);
  return self->send_interval;
}

/**
 * bbh_call_flow_get_sms_status:
 *
 * Returns: `cfISmsStatus`, a #BbhFlowSms, or -1.
 */
int
bbh_call_flow_get_sms_status (BbhCallFlow *self)
{
  g_return_val_if_fail (BBH_IS_CALL_FLOW (self), -1);
  return self->sms_status;
}

/**
 * bbh_call_flow_get_sms_after_seconds:
 *
 * Returns: `cfISmsTims`: the text goes only to calls answered for longer than this; 0 at
 *   once on answer.
 */
int
bbh_call_flow_get_sms_after_seconds (BbhCallFlow *self)
{
  g_return_val_if_fail (BBH_IS_CALL_FLOW (self), 0);
  return self->sms_after_seconds;
}

const char *
bbh_call_flow_get_sms_content (BbhCallFlow *self)
{
  g_return_val_if_fail (BBH_IS_CALL_FLOW (self), NULL);
  return self->sms_content;
}

/**
 * bbh_call_flow_describe_transfer_mode:
 * @mode: a #BbhTransferMode
 *
 * Returns: (transfer none): what happens when the callee answers, translated.
 */
const char *
bbh_call_flow_describe_transfer_mode (int mode)
{
  switch (mode)
    {
    case BBH_TRANSFER_MODE_PLAY_ONLY:
      return _("Play the message only, never transfer to an agent");
    case BBH_TRANSFER_MODE_TRANSFER_ONLY:
      return _("Transfer to an agent at once, without the message");
    case BBH_TRANSFER_MODE_TRANSFER_WHILE:
      return _("Play the message and transfer to an agent while it plays");
    case BBH_TRANSFER_MODE_TRANSFER_AFTER:
      return _("Play the message, then transfer to an agent");
    case BBH_TRANSFER_MODE_TRANSFER_ON_KEY:
      return _("Transfer to an agent only when the callee presses a key");
    default:
      return _("Unknown transfer setting");
    }
}

/**
 * bbh_call_flow_describe_recording:
 * @recording: a #BbhFlowRecording
 *
 * Returns: (transfer none): the recording rule, translated.
 */
const char *
bbh_call_flow_describe_recording (int recording)
{
  switch (recording)
    {
    case BBH_FLOW_RECORDING_NONE:
      return _("Calls are not recorded");
    case BBH_FLOW_RECORDING_ON_TRANSFER:
      return _("Recorded from the transfer to an agent");
    case BBH_FLOW_RECORDING_ON_ANSWER:
      return _("Recorded from the moment the callee answers");
    default:
      return _("Unknown recording setting");
    }
}

/**
 * bbh_call_flow_describe_sms_status:
 * @sms_status: a #BbhFlowSms
 *
 * Returns: (transfer none): when a text message is sent, translated.
 */
const char *
bbh_call_flow_describe_sms_status (int sms_status)
{
  switch (sms_status)
    {
    case BBH_FLOW_SMS_NONE:
      return _("No text message");
    case BBH_FLOW_SMS_ALWAYS:
      return _("A text message after every call");
    case BBH_FLOW_SMS_NOT_ANSWERED:
      return _("A text message when the callee does not answer");
    case BBH_FLOW_SMS_ANSWERED:
      return _("A text message when the callee answers");
    case BBH_FLOW_SMS_TRANSFERRED:
      return _("A text message when the call reaches an agent");
    default:
      return _("Unknown text message setting");
    }
}

/**
 * bbh_call_flow_describe_transfer:
 *
 * Returns: (transfer full): the transfer mode in words, with the message's length where a
 *   message is played.
 */
char *
bbh_call_flow_describe_transfer (BbhCallFlow *self)
{
  const char *mode;

  g_return_val_if_fail (BBH_IS_CALL_FLOW (self), NULL);

  mode = bbh_call_flow_describe_transfer_mode (self->transfer_mode);
  switch (self->transfer_mode)
    {
    case BBH_TRANSFER_MODE_PLAY_ONLY:
    case BBH_TRANSFER_MODE_TRANSFER_WHILE:
    case BBH_TRANSFER_MODE_TRANSFER_AFTER:
      if (self->play_seconds > 0)
        /* Translators: %s is a transfer rule such as “Play the message, then transfer to an agent” */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%s (a message of %d second)",
                                             "%s (a message of %d seconds)",
                                             self->play_seconds),
                                mode, self->play_seconds);
      break;
    default:
      break;
    }
  return g_strdup (mode);
}

/**
 * bbh_call_flow_describe_sms:
 *
 * Returns: (transfer full): the text message rule in words, with the minimum talk time
 *   where it applies.
 */
char *
bbh_call_flow_describe_sms (BbhCallFlow *self)
{
  g_return_val_if_fail (BBH_IS_CALL_FLOW (self), NULL);

  if (self->sms_after_seconds > 0)
    {
      switch (self->sms_status)
        {
        case BBH_FLOW_SMS_ANSWERED:
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "A text message when the callee answers and stays on the line for more than %d second",
                                               "A text message when the callee answers and stays on the line for more than %d seconds",
                                               self->sms_after_seconds),
                                  self->sms_after_seconds);
        case BBH_FLOW_SMS_TRANSFERRED:
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "A text message when the call reaches an agent and lasts more than %d second",
                                               "A text message when the call reaches an agent and lasts more than %d seconds",
                                               self->sms_after_seconds),
                                  self->sms_after_seconds);
        default:
          break;
        }
    }
  return g_strdup (bbh_call_flow_describe_sms_status (self->sms_status));
}
