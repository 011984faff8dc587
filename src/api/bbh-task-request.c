/* bbh-task-request.c
 *
 * The parameters of addTask (section 2.10.2). The numbers travel as the `data` member: a
 * JSON array of {"phone", "key", "memo", woOther1…} built with json-glib, so quotes,
 * backslashes and Chinese text are escaped as JSON requires. (The document's example is not
 * valid JSON; a server that reads JSON reads this.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-task-request"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "bbh-admin-private.h"
#include "bbh-task-request-private.h"

typedef struct
{
  char      *phone;
  char      *key;
  char      *memo;
  GPtrArray *field_names;   /* the work order's woOther1… in the order set */
  GPtrArray *field_values;
} Number;

struct _BbhTaskRequest
{
  GObject parent_instance;

  int         add_type;
  char       *name;
  char       *flow_name;
  GDateTime  *send_time;
  gboolean    repeat_set;
  gboolean    repeat;
  int         send_interval;     /* -1: not set */
  GStrv       allot_extensions;
  char       *owner_extension;
  char       *work_order_name;
  GPtrArray  *numbers;
};

G_DEFINE_FINAL_TYPE (BbhTaskRequest, bbh_task_request, G_TYPE_OBJECT)

static void
number_free (gpointer data)
{
  Number *n = data;

  g_free (n->phone);
  g_free (n->key);
  g_free (n->memo);
  g_ptr_array_unref (n->field_names);
  g_ptr_array_unref (n->field_values);
  g_free (n);
}

static char *
dup_stripped (const char *text)
{
  char *copy;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

static gboolean
is_digits (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static gboolean
is_auto (int add_type)
{
  return add_type == BBH_TASK_ADD_AUTO || add_type == BBH_TASK_ADD_WORK_ORDER_AUTO;
}

static gboolean
is_work_order (int add_type)
{
  return add_type == BBH_TASK_ADD_WORK_ORDER_AUTO || add_type == BBH_TASK_ADD_WORK_ORDER_MANUAL;
}

static void
bbh_task_request_finalize (GObject *object)
{
  BbhTaskRequest *self = BBH_TASK_REQUEST (object);

  g_free (self->name);
  g_free (self->flow_name);
  g_clear_pointer (&self->send_time, g_date_time_unref);
  g_strfreev (self->allot_extensions);
  g_free (self->owner_extension);
  g_free (self->work_order_name);
  g_ptr_array_unref (self->numbers);

  G_OBJECT_CLASS (bbh_task_request_parent_class)->finalize (object);
}

static void
bbh_task_request_class_init (BbhTaskRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bbh_task_request_finalize;
}

static void
bbh_task_request_init (BbhTaskRequest *self)
{
  self->send_interval = -1;
  self->numbers = g_ptr_array_new_with_free_func (number_free);
}

/**
 * bbh_task_request_new:
 * @add_type: a #BbhTaskAddType
 * @name: the task's name
 *
 * Returns: (transfer full): a task without numbers yet.
 */
BbhTaskRequest *
bbh_task_request_new (int         add_type,
                      const char *name)
{
  BbhTaskRequest *self = g_object_new (BBH_TYPE_TASK_REQUEST, NULL);

  self->add_type = add_type;
  self->name = dup_stripped (name);
  return self;
}

int
bbh_task_request_get_add_type (BbhTaskRequest *self)
{
  g_return_val_if_fail (BBH_IS_TASK_REQUEST (self), 0);
  return self->add_type;
}

const char *
bbh_task_request_get_name (BbhTaskRequest *self)
{
  g_return_val_if_fail (BBH_IS_TASK_REQUEST (self), NULL);
  return self->name;
}

/**
 * bbh_task_request_set_flow_name:
 * @flow_name: (nullable): `cflName`, the call flow's name (bbh_call_flow_get_name());
 *   required for automatic dialling
 */
void
bbh_task_request_set_flow_name (BbhTaskRequest *self,
                                const char     *flow_name)
{
  g_return_if_fail (BBH_IS_TASK_REQUEST (self));
  g_free (self->flow_name);
  self->flow_name = dup_stripped (flow_name);
}

/**
 * bbh_task_request_set_send_time:
 * @send_time: (nullable): `sendTime`, when dialling starts; %NULL for now. Sent as local
 *   wall time, as the server reads it.
 */
void
bbh_task_request_set_send_time (BbhTaskRequest *self,
                                GDateTime      *send_time)
{
  g_return_if_fail (BBH_IS_TASK_REQUEST (self));
  g_clear_pointer (&self->send_time, g_date_time_unref);
  if (send_time != NULL)
    self->send_time = g_date_time_to_timezone (send_time, bbh_local_time_zone ());
}

/**
 * bbh_task_request_set_repeat:
 * @repeat: `repeatSend`: call unanswered numbers again
 */
void
bbh_task_request_set_repeat (BbhTaskRequest *self,
                             gboolean        repeat)
{
  g_return_if_fail (BBH_IS_TASK_REQUEST (self));
  self->repeat_set = TRUE;
  self->repeat = !!repeat;
}

/**
 * bbh_task_request_set_send_interval:
 * @seconds: `sendInterval`, the wait between calls; -1 to leave it to the server
 */
void
bbh_task_request_set_send_interval (BbhTaskRequest *self,
                                    int             seconds)
{
  g_return_if_fail (BBH_IS_TASK_REQUEST (self));
  g_return_if_fail (seconds >= -1);
  self->send_interval = seconds;
}

/**
 * bbh_task_request_set_allot_extensions:
 * @extensions: (nullable) (array zero-terminated=1): `allotExte`, the agents who get the
 *   numbers; %NULL or empty for the logged-in account
 */
void
bbh_task_request_set_allot_extensions (BbhTaskRequest     *self,
                                       const char * const *extensions)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_if_fail (BBH_IS_TASK_REQUEST (self));

  if (extensions != NULL)
    for (guint i = 0; extensions[i] != NULL; i++)
      {
        g_autofree char *one = dup_stripped (extensions[i]);

        if (one != NULL)
          g_strv_builder_add (builder, one);
      }
  g_strfreev (self->allot_extensions);
  self->allot_extensions = g_strv_builder_end (builder);
  if (self->allot_extensions[0] == NULL)
    g_clear_pointer (&self->allot_extensions, g_strfreev);
}

/**
 * bbh_task_request_set_owner_extension:
 * @extension: (nullable): `attriExte`, the agent the task belongs to; %NULL for the
 *   logged-in account
 */
void
bbh_task_request_set_owner_extension (BbhTaskRequest *self,
                                      const char     *extension)
{
  g_return_if_fail (BBH_IS_TASK_REQUEST (self));
  g_free (self->owner_extension);
  self->owner_extension = dup_stripped (extension);
}

/**
 * bbh_task_request_set_work_order_name:
 * @work_order_name: (nullable): `wotName`, required for work-order tasks
 */
void
bbh_task_request_set_work_order_name (BbhTaskRequest *self,
                                      const char     *work_order_name)
{
  g_return_if_fail (BBH_IS_TASK_REQUEST (self));
  g_free (self->work_order_name);
  self->work_order_name = dup_stripped (work_order_name);
}

/**
 * bbh_task_request_add_number:
 * @phone: the number to call
 * @key: (nullable): a value of your own; it comes back as `paramvalue` and on the pop-up
 * @memo: (nullable): text the server speaks to the callee; it must not contain “#”
 *
 * Returns: the number's index, for bbh_task_request_set_number_field().
 */
guint
bbh_task_request_add_number (BbhTaskRequest *self,
                             const char     *phone,
                             const char     *key,
                             const char     *memo)
{
  Number *n;

  g_return_val_if_fail (BBH_IS_TASK_REQUEST (self), 0);

  n = g_new0 (Number, 1);
  n->phone = g_strstrip (g_strdup (phone != NULL ? phone : ""));
  n->key = g_strdup (key);
  n->memo = g_strdup (memo);
  n->field_names = g_ptr_array_new_with_free_func (g_free);
  n->field_values = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->numbers, n);
  return self->numbers->len - 1;
}

/**
 * bbh_task_request_set_number_field:
 * @index: what bbh_task_request_add_number() returned
 * @name: a work-order field, such as `woOther1`; not `phone`, `key` or `memo`
 * @value: (nullable): its value; %NULL removes it
 */
void
bbh_task_request_set_number_field (BbhTaskRequest *self,
                                   guint           index,
                                   const char     *name,
                                   const char     *value)
{
  Number *n;

  g_return_if_fail (BBH_IS_TASK_REQUEST (self));
  g_return_if_fail (index < self->numbers->len);
  g_return_if_fail (name != NULL && *name != '\0');
  g_return_if_fail (!g_str_equal (name, "phone") && !g_str_equal (name, "key")
                    && !g_str_equal (name, "memo"));

  n = g_ptr_array_index (self->numbers, index);
  for (guint i = 0; i < n->field_names->len; i++)
    if (g_str_equal (g_ptr_array_index (n->field_names, i), name))
      {
        g_ptr_array_remove_index (n->field_names, i);
        g_ptr_array_remove_index (n->field_values, i);
        break;
      }
  if (value == NULL)
    return;
  g_ptr_array_add (n->field_names, g_strdup (name));
  g_ptr_array_add (n->field_values, g_strdup (value));
}

guint
bbh_task_request_get_n_numbers (BbhTaskRequest *self)
{
  g_return_val_if_fail (BBH_IS_TASK_REQUEST (self), 0);
  return self->numbers->len;
}

/**
 * bbh_task_request_dup_data_json:
 *
 * Returns: (transfer full): the `data` parameter: a JSON array with one object per number.
 */
char *
bbh_task_request_dup_data_json (BbhTaskRequest *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (BBH_IS_TASK_REQUEST (self), NULL);

  json_builder_begin_array (builder);
  for (guint i = 0; i < self->numbers->len; i++)
    {
      Number *n = g_ptr_array_index (self->numbers, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "phone");
      json_builder_add_string_value (builder, n->phone);
      if (n->key != NULL)
        {
          json_builder_set_member_name (builder, "key");
          json_builder_add_string_value (builder, n->key);
        }
      if (n->memo != NULL)
        {
          json_builder_set_member_name (builder, "memo");
          json_builder_add_string_value (builder, n->memo);
        }
      for (guint j = 0; j < n->field_names->len; j++)
        {
          json_builder_set_member_name (builder, g_ptr_array_index (n->field_names, j));
          json_builder_add_string_value (builder, g_ptr_array_index (n->field_values, j));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

gboolean
bbh_task_request_validate (BbhTaskRequest  *self,
                           GError         **error)
{
  g_return_val_if_fail (BBH_IS_TASK_REQUEST (self), FALSE);

  if (self->add_type < BBH_TASK_ADD_AUTO || self->add_type > BBH_TASK_ADD_WORK_ORDER_MANUAL)
    {
      g_set_error_literal (error, BBH_ERROR, BBH_ERROR_INVALID,
                           _("Choose how the task dials: automatically or by agents, with or without a work order."));
      return FALSE;
    }

  if (self->name == NULL)
    {
      g_set_error_literal (error, BBH_ERROR, BBH_ERROR_INVALID, _("Enter a name for the task."));
      return FALSE;
    }

  if (is_auto (self->add_type) && self->flow_name == NULL)
    {
      g_set_error_literal (error, BBH_ERROR, BBH_ERROR_INVALID,
                           _("Choose a call flow: a task that dials automatically needs one."));
      return FALSE;
    }

  if (is_work_order (self->add_type) && self->work_order_name == NULL)
    {
      g_set_error_literal (error, BBH_ERROR, BBH_ERROR_INVALID,
                           _("Choose a work order: a work-order task needs one."));
      return FALSE;
    }

  if (self->allot_extensions != NULL)
    for (guint i = 0; self->allot_extensions[i] != NULL; i++)
      if (!is_digits (self->allot_extensions[i]))
        {
          g_set_error (error, BBH_ERROR, BBH_ERROR_INVALID,
                       _("The agent “%s” to give the numbers to is not valid: use extension numbers."),
                       self->allot_extensions[i]);
          return FALSE;
        }

  if (self->owner_extension != NULL && !is_digits (self->owner_extension))
    {
      g_set_error (error, BBH_ERROR, BBH_ERROR_INVALID,
                   _("The task's owner “%s” is not valid: use an extension number."),
                   self->owner_extension);
      return FALSE;
    }

  if (self->numbers->len == 0)
    {
      g_set_error_literal (error, BBH_ERROR, BBH_ERROR_INVALID,
                           _("Add at least one phone number to the task."));
      return FALSE;
    }

  for (guint i = 0; i < self->numbers->len; i++)
    {
      Number *n = g_ptr_array_index (self->numbers, i);
      g_autofree char *what = NULL;

      if (*n->phone == '\0')
        {
          g_set_error (error, BBH_ERROR, BBH_ERROR_INVALID,
                       _("Phone number %u of the task is empty."), i + 1);
          return FALSE;
        }
      what = g_strdup_printf (_("phone number “%s”"), n->phone);
      if (!bbh_check_phone (n->phone, what, error))
        return FALSE;

      /* The server cuts the spoken text at '#' (section 2.10.2): refuse rather than
       * have the callee hear half a sentence. */
      if (n->memo != NULL && (strchr (n->memo, '#') != NULL || strstr (n->memo, "＃") != NULL))
        {
          g_set_error (error, BBH_ERROR, BBH_ERROR_INVALID,
                       _("The text to speak for %s contains “#”, which the server does not allow. Remove it and try again."),
                       n->phone);
          return FALSE;
        }
    }

  return TRUE;
}

/* In the document's order; call only after bbh_task_request_validate(). */
void
bbh_task_request_append_params (BbhTaskRequest *self,
                                BbhParams      *params)
{
  g_autofree char *data = NULL;

  g_return_if_fail (BBH_IS_TASK_REQUEST (self));

  data = bbh_task_request_dup_data_json (self);
  bbh_params_add (params, "data", data);
  bbh_params_add_int (params, "addType", self->add_type);
  bbh_params_add (params, "name", self->name);
  bbh_params_add (params, "cflName", self->flow_name);
  if (self->send_time != NULL)
    {
      g_autofree char *text = bbh_admin_format_time (self->send_time);

      bbh_params_add (params, "sendTime", text);
    }
  if (self->repeat_set)
    bbh_params_add_int (params, "repeatSend", self->repeat ? 1 : 0);
  bbh_params_add_opt_int (params, "sendInterval", self->send_interval);
  if (self->allot_extensions != NULL)
    {
      g_autofree char *joined = g_strjoinv (",", self->allot_extensions);

      bbh_params_add (params, "allotExte", joined);
    }
  bbh_params_add (params, "attriExte", self->owner_extension);
  bbh_params_add (params, "wotName", self->work_order_name);
}
