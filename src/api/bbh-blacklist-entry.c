/* bbh-blacklist-entry.c
 *
 * getBlacklists (section 2.2.8) documents only `blaPhone`, "the list of numbers". An entry
 * is the number plus whatever else the server says about it (id, time, who added it),
 * kept as text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-blacklist-entry"

#include "config.h"

#include "bbh-admin-private.h"
#include "bbh-blacklist-entry-private.h"

struct _BbhBlacklistEntry
{
  GObject parent_instance;

  char  *phone;
  GStrv  names;
  GStrv  values;
};

G_DEFINE_FINAL_TYPE (BbhBlacklistEntry, bbh_blacklist_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PHONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A row without a number is not an entry. */
gpointer
bbh_blacklist_entry_new_from_json (JsonObject *row)
{
  BbhBlacklistEntry *self;
  g_autofree char *phone = bbh_json_dup_string_any (row, "blaPhone", "phone", "blPhone",
                                                    "phoneNum", "number", "mobile", NULL);

  if (phone == NULL || *g_strstrip (phone) == '\0')
    return NULL;

  self = g_object_new (BBH_TYPE_BLACKLIST_ENTRY, NULL);
  self->phone = g_steal_pointer (&phone);
  bbh_admin_collect_members (row, &self->names, &self->values);
  return self;
}

gpointer
bbh_blacklist_entry_new_from_phone (const char *phone)
{
  BbhBlacklistEntry *self;
  g_autofree char *copy = g_strstrip (g_strdup (phone != NULL ? phone : ""));

  if (*copy == '\0')
    return NULL;

  self = g_object_new (BBH_TYPE_BLACKLIST_ENTRY, NULL);
  self->phone = g_steal_pointer (&copy);
  self->names = g_new0 (char *, 1);
  self->values = g_new0 (char *, 1);
  return self;
}

static void
bbh_blacklist_entry_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BbhBlacklistEntry *self = BBH_BLACKLIST_ENTRY (object);

  switch (prop_id)
    {
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bbh_blacklist_entry_finalize (GObject *object)
{
  BbhBlacklistEntry *self = BBH_BLACKLIST_ENTRY (object);

  g_free (self->phone);
  g_strfreev (self->names);
  g_strfreev (self->values);

  G_OBJECT_CLASS (bbh_blacklist_entry_parent_class)->finalize (object);
}

static void
bbh_blacklist_entry_class_init (BbhBlacklistEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bbh_blacklist_entry_get_property;
  object_class->finalize = bbh_blacklist_entry_finalize;

  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bbh_blacklist_entry_init (BbhBlacklistEntry *self)
{
}

/**
 * bbh_blacklist_entry_get_phone:
 *
 * Returns: the blacklisted number.
 */
const char *
bbh_blacklist_entry_get_phone (BbhBlacklistEntry *self)
{
  g_return_val_if_fail (BBH_IS_BLACKLIST_ENTRY (self), NULL);
  return self->phone;
}

/**
 * bbh_blacklist_entry_get_member_names:
 *
 * Returns: (transfer none) (array zero-terminated=1): the names of the members the server
 *   sent for this entry; empty when it sent only the number.
 */
const char * const *
bbh_blacklist_entry_get_member_names (BbhBlacklistEntry *self)
{
  g_return_val_if_fail (BBH_IS_BLACKLIST_ENTRY (self), NULL);
  return (const char * const *) self->names;
}

/**
 * bbh_blacklist_entry_get_member:
 * @name: a member name, as the server spells it
 *
 * Returns: (nullable): the member's value as text.
 */
const char *
bbh_blacklist_entry_get_member (BbhBlacklistEntry *self,
                                const char        *name)
{
  g_return_val_if_fail (BBH_IS_BLACKLIST_ENTRY (self), NULL);
  return bbh_admin_lookup_member (self->names, self->values, name);
}
