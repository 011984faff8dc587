/* agent-reminder.c — one follow-up reminder: call this number at that time
 *
 * What AgentReminders keeps on disk and shows in "My follow-ups". The number to call may
 * differ from the number the memo is about (addMemo's nhtPhone and cdrPhone).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-reminder"

#include "config.h"

#include "agent-reminder.h"

struct _AgentReminder
{
  GObject  parent_instance;

  gint64   id;
  char    *server;
  char    *account;
  char    *phone;
  char    *customer_phone;
  char    *text;
  gint64   due_ms;
  gint64   memo_id;
  gboolean fired;
};

G_DEFINE_FINAL_TYPE (AgentReminder, agent_reminder, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PHONE,
  PROP_CUSTOMER_PHONE,
  PROP_TEXT,
  PROP_DUE_MS,
  PROP_FIRED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
agent_reminder_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AgentReminder *self = AGENT_REMINDER (object);

  switch (prop_id)
    {
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    case PROP_CUSTOMER_PHONE:
      g_value_set_string (value, self->customer_phone);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_DUE_MS:
      g_value_set_int64 (value, self->due_ms);
      break;
    case PROP_FIRED:
      g_value_set_boolean (value, self->fired);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
agent_reminder_finalize (GObject *object)
{
  AgentReminder *self = AGENT_REMINDER (object);

  g_free (self->server);
  g_free (self->account);
  g_free (self->phone);
  g_free (self->customer_phone);
  g_free (self->text);

  G_OBJECT_CLASS (agent_reminder_parent_class)->finalize (object);
}

static void
agent_reminder_class_init (AgentReminderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = agent_reminder_get_property;
  object_class->finalize = agent_reminder_finalize;

  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CUSTOMER_PHONE] =
    g_param_spec_string ("customer-phone", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DUE_MS] =
    g_param_spec_int64 ("due-ms", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIRED] =
    g_param_spec_boolean ("fired", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
agent_reminder_init (AgentReminder *self)
{
}

/**
 * agent_reminder_new:
 * @id: the row in the reminder store, 0 before it is stored
 * @server: the server the agent was logged in to
 * @account: the agent's account
 * @phone: the number to call
 * @customer_phone: (nullable): the number the memo is about; %NULL is @phone
 * @text: (nullable): the memo
 * @due_ms: when, in Unix milliseconds
 * @memo_id: the memo's id on the server (`cmmId`), 0 while unknown
 * @fired: whether the agent was reminded already
 *
 * Returns: (transfer full): a new reminder
 */
AgentReminder *
agent_reminder_new (gint64      id,
                    const char *server,
                    const char *account,
                    const char *phone,
                    const char *customer_phone,
                    const char *text,
                    gint64      due_ms,
                    gint64      memo_id,
                    gboolean    fired)
{
  AgentReminder *self;

  g_return_val_if_fail (phone != NULL, NULL);

  self = g_object_new (AGENT_TYPE_REMINDER, NULL);
  self->id = id;
  self->server = g_strdup (server != NULL ? server : "");
  self->account = g_strdup (account != NULL ? account : "");
  self->phone = g_strdup (phone);
  self->customer_phone = g_strdup (customer_phone != NULL && *customer_phone != '\0'
                                   ? customer_phone : phone);
  self->text = g_strdup (text != NULL ? text : "");
  self->due_ms = due_ms;
  self->memo_id = memo_id;
  self->fired = !!fired;
  return self;
}

gint64
agent_reminder_get_id (AgentReminder *self)
{
  g_return_val_if_fail (AGENT_IS_REMINDER (self), 0);

  return self->id;
}

const char *
agent_reminder_get_server (AgentReminder *self)
{
  g_return_val_if_fail (AGENT_IS_REMINDER (self), NULL);

  return self->server;
}

const char *
agent_reminder_get_account (AgentReminder *self)
{
  g_return_val_if_fail (AGENT_IS_REMINDER (self), NULL);

  return self->account;
}

const char *
agent_reminder_get_phone (AgentReminder *self)
{
  g_return_val_if_fail (AGENT_IS_REMINDER (self), NULL);

  return self->phone;
}

const char *
agent_reminder_get_customer_phone (AgentReminder *self)
{
  g_return_val_if_fail (AGENT_IS_REMINDER (self), NULL);

  return self->customer_phone;
}

const char *
agent_reminder_get_text (AgentReminder *self)
{
  g_return_val_if_fail (AGENT_IS_REMINDER (self), NULL);

  return self->text;
}

gint64
agent_reminder_get_due_ms (AgentReminder *self)
{
  g_return_val_if_fail (AGENT_IS_REMINDER (self), 0);

  return self->due_ms;
}

/**
 * agent_reminder_dup_due:
 *
 * Returns: (transfer full): when the reminder is due, in local time
 */
GDateTime *
agent_reminder_dup_due (AgentReminder *self)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (AGENT_IS_REMINDER (self), NULL);

  utc = g_date_time_new_from_unix_utc (self->due_ms / 1000);
  return g_date_time_to_local (utc);
}

gint64
agent_reminder_get_memo_id (AgentReminder *self)
{
  g_return_val_if_fail (AGENT_IS_REMINDER (self), 0);

  return self->memo_id;
}

void
agent_reminder_set_memo_id (AgentReminder *self,
                            gint64         memo_id)
{
  g_return_if_fail (AGENT_IS_REMINDER (self));

  self->memo_id = memo_id;
}

gboolean
agent_reminder_get_fired (AgentReminder *self)
{
  g_return_val_if_fail (AGENT_IS_REMINDER (self), FALSE);

  return self->fired;
}

void
agent_reminder_set_fired (AgentReminder *self,
                          gboolean       fired)
{
  g_return_if_fail (AGENT_IS_REMINDER (self));

  fired = !!fired;
  if (self->fired == fired)
    return;

  self->fired = fired;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRED]);
}

/* Reminders are the agent's own: another account on this desktop never sees them. */
gboolean
agent_reminder_belongs_to (AgentReminder *self,
                           const char    *server,
                           const char    *account)
{
  g_return_val_if_fail (AGENT_IS_REMINDER (self), FALSE);

  return server != NULL && account != NULL &&
         g_str_equal (self->server, server) && g_str_equal (self->account, account);
}
