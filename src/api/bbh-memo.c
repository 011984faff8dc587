/* bbh-memo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-memo"

#include "config.h"

#include "bbh-customers-private.h"
#include "bbh-json-private.h"
#include "bbh-memo.h"

/**
 * BbhMemo:
 *
 * A follow-up note an agent wrote about a phone number (section 2.9.1 getMemos).
 */
struct _BbhMemo
{
  GObject parent_instance;

  /* Owned */
  JsonObject *raw;
  gint64      id;              /* cmmId */
  char       *extension;       /* cmmExtension */
  char       *extension_name;  /* exteName */
  char       *phone;           /* cmmPhone */
  char       *phone_name;      /* cmmPhoneName */
  char       *time;            /* cmmTime */
  char       *text;            /* cmmMemo */
};

G_DEFINE_FINAL_TYPE (BbhMemo, bbh_memo, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_EXTENSION,
  PROP_EXTENSION_NAME,
  PROP_PHONE,
  PROP_PHONE_NAME,
  PROP_TIME,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The document names only the cmm* members; the memo text has also been seen as
 * `memo`/`cdrMemo` (the name addMemo sends it under), so both are accepted. */
gpointer
bbh_memo_parse (JsonObject *object)
{
  BbhMemo *self = g_object_new (BBH_TYPE_MEMO, NULL);

  self->raw = json_object_ref (object);
  self->id = bbh_json_get_int64_any (object, 0, "cmmId", "id", NULL);
  self->extension = bbh_json_dup_string_any (object, "cmmExtension", "extension", NULL);
  self->extension_name = bbh_json_dup_string (object, "exteName");
  self->phone = bbh_json_dup_string_any (object, "cmmPhone", "phone", NULL);
  self->phone_name = bbh_json_dup_string (object, "cmmPhoneName");
  self->time = bbh_json_dup_string_any (object, "cmmTime", "time", NULL);
  self->text = bbh_json_dup_string_any (object, "cmmMemo", "memo", "cdrMemo", NULL);

  return self;
}

static void
bbh_memo_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  BbhMemo *self = BBH_MEMO (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_EXTENSION:
      g_value_set_string (value, self->extension);
      break;
    case PROP_EXTENSION_NAME:
      g_value_set_string (value, self->extension_name);
      break;
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    case PROP_PHONE_NAME:
      g_value_set_string (value, self->phone_name);
      break;
    case PROP_TIME:
      g_value_set_string (value, self->time);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bbh_memo_finalize (GObject *object)
{
  BbhMemo *self = BBH_MEMO (object);

  g_clear_pointer (&self->raw, json_object_unref);
  g_free (self->extension);
  g_free (self->extension_name);
  g_free (self->phone);
  g_free (self->phone_name);
  g_free (self->time);
  g_free (self->text);

  G_OBJECT_CLASS (bbh_memo_parent_class)->finalize (object);
}

static void
bbh_memo_class_init (BbhMemoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bbh_memo_get_property;
  object_class->finalize = bbh_memo_finalize;

  /**
   * BbhMemo:id:
   *
   * The memo's id (`cmmId`), 64-bit.
   */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * BbhMemo:extension:
   *
   * The extension of the agent who wrote it (`cmmExtension`).
   */
  properties[PROP_EXTENSION] =
    g_param_spec_string ("extension", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * BbhMemo:extension-name:
   *
   * The name of the agent who wrote it (`exteName`).
   */
  properties[PROP_EXTENSION_NAME] =
    g_param_spec_string ("extension-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * BbhMemo:phone:
   *
   * The phone number the memo is about (`cmmPhone`).
   */
  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * BbhMemo:phone-name:
   *
   * The customer's name for that number, when the server knows one (`cmmPhoneName`).
   */
  properties[PROP_PHONE_NAME] =
    g_param_spec_string ("phone-name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * BbhMemo:time:
   *
   * When it was written, as the server wrote it (`cmmTime`); see bbh_memo_dup_date_time().
   */
  properties[PROP_TIME] =
    g_param_spec_string ("time", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * BbhMemo:text:
   *
   * The note itself (`cmmMemo`).
   */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bbh_memo_init (BbhMemo *self)
{
}

gint64
bbh_memo_get_id (BbhMemo *self)
{
  g_return_val_if_fail (BBH_IS_MEMO (self), 0);
  return self->id;
}

/**
 * bbh_memo_get_extension:
 * @self: a #BbhMemo
 *
 * Returns: (nullable): #BbhMemo:extension, %NULL when the server did not send it.
 */
const char *
bbh_memo_get_extension (BbhMemo *self)
{
  g_return_val_if_fail (BBH_IS_MEMO (self), NULL);
  return self->extension;
}

/**
 * bbh_memo_get_extension_name:
 * @self: a #BbhMemo
 *
 * Returns: (nullable): #BbhMemo:extension-name, %NULL when the server did not send it.
 */
const char *
bbh_memo_get_extension_name (BbhMemo *self)
{
  g_return_val_if_fail (BBH_IS_MEMO (self), NULL);
  return self->extension_name;
}

/**
 * bbh_memo_get_phone:
 * @self: a #BbhMemo
 *
 * Returns: (nullable): #BbhMemo:phone, %NULL when the server did not send it.
 */
const char *
bbh_memo_get_phone (BbhMemo *self)
{
  g_return_val_if_fail (BBH_IS_MEMO (self), NULL);
  return self->phone;
}

/**
 * bbh_memo_get_phone_name:
 * @self: a #BbhMemo
 *
 * Returns: (nullable): #BbhMemo:phone-name, %NULL when the server did not send it.
 */
const char *
bbh_memo_get_phone_name (BbhMemo *self)
{
  g_return_val_if_fail (BBH_IS_MEMO (self), NULL);
  return self->phone_name;
}

/**
 * bbh_memo_get_time:
 * @self: a #BbhMemo
 *
 * Returns: (nullable): #BbhMemo:time, %NULL when the server did not send it.
 */
const char *
bbh_memo_get_time (BbhMemo *self)
{
  g_return_val_if_fail (BBH_IS_MEMO (self), NULL);
  return self->time;
}

/**
 * bbh_memo_dup_date_time:
 * @self: a #BbhMemo
 *
 * Returns: (transfer full) (nullable): #BbhMemo:time as a date and time, or %NULL when the
 *   server sent none or one that is not understood.
 */
GDateTime *
bbh_memo_dup_date_time (BbhMemo *self)
{
  g_return_val_if_fail (BBH_IS_MEMO (self), NULL);
  return bbh_customers_parse_time (self->time);
}

/**
 * bbh_memo_get_text:
 * @self: a #BbhMemo
 *
 * Returns: (nullable): #BbhMemo:text, %NULL when the server did not send it.
 */
const char *
bbh_memo_get_text (BbhMemo *self)
{
  g_return_val_if_fail (BBH_IS_MEMO (self), NULL);
  return self->text;
}

/**
 * bbh_memo_dup_field:
 * @self: a #BbhMemo
 * @member: a member of the server's answer, spelled as on the wire
 *
 * Returns: (transfer full) (nullable): the member as text, for members the document does not
 *   name; %NULL when the server did not send it.
 */
char *
bbh_memo_dup_field (BbhMemo    *self,
                    const char *member)
{
  g_return_val_if_fail (BBH_IS_MEMO (self), NULL);
  g_return_val_if_fail (member != NULL, NULL);
  return bbh_json_dup_string (self->raw, member);
}
