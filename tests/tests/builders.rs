//! Builders and union constructors: a request built field by field equals the vendor doc's example
//! parsed from its fixture; arrays pushed item by item equal arrays set whole; constants fill
//! themselves; union constructors build the variant; secrets stay out of a builder's `Debug`.

use std::error::Error;
use std::fmt::Debug;

use group_msg_types::runtime::{from_json, Secret};
use group_msg_types::{qopen, tencent_im, upbot, yunhu};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

type Result = std::result::Result<(), Box<dyn Error>>;

fn fixture(name: &str) -> Value {
    let path = format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `built` equals `expected` parsed as its type, and serializes to the same JSON.
fn check<T: DeserializeOwned + Serialize + PartialEq + Debug>(what: &str, built: T, expected: Value) {
    let parsed: T = from_json(&expected.to_string()).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(built, parsed, "{what}: the built value differs from the parsed one");
    assert_eq!(serde_json::to_value(&built).unwrap(), expected, "{what}: serializes to other JSON");
}

#[test]
fn tencent_request_equals_the_basic_example() -> Result {
    use tencent_im::send_group_msg::*;
    let built = SendGroupMsgRequest::builder()
        .group_id("@TGS#2C5SZEAEF")
        .random(8912345)
        .push_msg_body(MsgElement::text("red packet"))
        .push_msg_body(TIMFaceElem::builder().index(6).data("abc\u{0}\u{1}").build())
        .cloud_custom_data("your cloud custom data")
        .support_message_extension(SupportMessageExtension::Unsupported)
        .offline_push_info(
            OfflinePushInfo::builder()
                .push_flag(PushFlag::Push)
                .desc("离线推送内容")
                .ext("这是透传的内容")
                .android_info(AndroidInfo::builder().sound("android.mp3").build())
                .apns_info(
                    ApnsInfo::builder()
                        .sound("apns.mp3")
                        .badge_mode(BadgeMode::NoCount)
                        .title("apns title")
                        .sub_title("apns subtitle")
                        .image("www.image.com")
                        .build(),
                )
                .build(),
        )
        .build()?;
    check("tencent_im/01_basic.json", built, fixture("tencent_im/01_basic.json"));
    Ok(())
}

#[test]
fn yunhu_request_equals_the_text_example() -> Result {
    use yunhu::batch_send::*;
    let content = TextContent::builder()
        .text("这里是消息内容")
        // Builders write rows: one row of two buttons.
        .buttons([[
            Button::builder().text("复制").action_type(ButtonActionType::copy("xxxx")).build(),
            Button::builder().text("点击跳转").action_type(ButtonActionType::open_url("http://www.baidu.com")).build(),
        ]])
        .build();
    let built = BatchSendRequest::builder()
        .recv_ids(["307149245", "665344168"])
        .recv_type(RecvType::Group)
        .content_type(Content::Text(content))
        .build()?;
    check("yunhu/02_text_request.json", built, fixture("yunhu/02_text_request.json"));
    Ok(())
}

#[test]
fn upbot_request_carries_the_video_example_body() -> Result {
    use upbot::send_group_message::*;
    let video = || {
        VideoInfo::builder()
            .video_url("video.mp4")
            .video_size(54100)
            .video_second(36)
            .video_format("mp4")
            .thumb_url("https://www.example.com/image.jpg")
            .thumb_width(80)
            .thumb_height(60)
            .thumb_format("JPG")
            .video_width(400)
            .video_height(100)
            .build()
    };
    let built = SendGroupMessageRequest::builder()
        .gid(10123)
        .target_id("10802")
        .l2_type(L2Type::Video)
        .ts(1234567890)
        .nonce("123")
        .body(MessageBody::builder().push_video_info(video()).push_video_info(video()).build())
        .build()?;
    // The fixture is the doc's partial example: the body and `l2_type`.
    let mut expected = fixture("upbot/02_video.json");
    for (key, value) in
        [("gid", json!(10123)), ("target_id", json!("10802")), ("ts", json!(1234567890)), ("nonce", json!("123"))]
    {
        expected[key] = value;
    }
    check("upbot/02_video.json", built, expected);
    Ok(())
}

#[test]
fn qopen_callback_equals_the_example_and_fills_its_event_type() -> Result {
    use qopen::send_msg_to_group::*;
    let built = SendResultCallback::builder()
        .robot_id("机器人id")
        .group_id("群id")
        .msg_id("调用api时的msg_id")
        .send_res(true)
        .err_msg("错误提示")
        .msg_num(1)
        .build()?;
    assert_eq!(built.event_type, 40001);
    check("qopen/03_callback.json", built, fixture("qopen/03_callback.json"));
    Ok(())
}

#[test]
fn qopen_request_with_a_link_card() -> Result {
    use qopen::send_msg_to_group::*;
    let url = "http://quan-admin-web-1259287960.cos.ap-guangzhou.myqcloud.com/assets/2000765/485cabc1b0914088b7408c37f00a0428.png";
    let link =
        MsgListItemLink::builder().msg_content(url).href("https://www.baidu.com/").title("标题").desc("描述").build();
    let built = SendMsgToGroupRequest::builder()
        .robot_id("机器人id")
        .group_id("群id")
        .msg_id("消息id")
        .dead_line(1700000000)
        .push_msg_list(MsgListItem::builder().msg_type(MsgListItemMsgType::link(link)).build())
        .build()?;
    // The doc's link example, with a number where it has a placeholder for `dead_line`.
    let mut expected = fixture("qopen/05_link_request.json");
    expected["dead_line"] = json!(1700000000);
    check("qopen/05_link_request.json", built, expected);
    Ok(())
}

#[test]
fn pushing_items_one_by_one_equals_setting_the_array_whole() -> Result {
    use tencent_im::send_group_msg::*;
    let base = || SendGroupMsgRequest::builder().group_id("@TGS#1").random(1);
    let whole = base().msg_body([MsgElement::text("a"), MsgElement::text("b")]).build()?;
    let pushed = base().push_msg_body(MsgElement::text("a")).push_msg_body(MsgElement::text("b")).build()?;
    let set_then_pushed = base().msg_body([MsgElement::text("a")]).push_msg_body(MsgElement::text("b")).build()?;
    assert_eq!(whole, pushed);
    assert_eq!(whole, set_then_pushed);
    // Optional arrays too; items convert (`&str` into `String`, a payload into its element).
    let whole = base().msg_body([MsgElement::text("a")]).to_account(["u1", "u2"]).build()?;
    let pushed = base()
        .push_msg_body(TIMTextElem::builder().text("a").build())
        .push_to_account("u1")
        .push_to_account(String::from("u2"))
        .build()?;
    assert_eq!(whole, pushed);
    assert_eq!(whole.to_account, Some(vec!["u1".to_owned(), "u2".to_owned()]));

    use yunhu::batch_send::*;
    let text = || Content::text("hi");
    let whole =
        BatchSendRequest::builder().recv_ids(["1", "2"]).recv_type(RecvType::User).content_type(text()).build()?;
    let pushed = BatchSendRequest::builder()
        .push_recv_ids("1")
        .recv_type(RecvType::User)
        .push_recv_ids("2")
        .content_type(text())
        .build()?;
    assert_eq!(whole, pushed);
    Ok(())
}

#[test]
fn constants_are_filled_without_a_setter() -> Result {
    use tencent_im::send_group_msg::*;
    let sound = TIMSoundElem::builder().url("https://a/s.silk").uuid("u").second(2).build();
    assert_eq!(sound.download_flag, 2);
    let file = TIMFileElem::builder().url("https://a/f").uuid("u").build();
    assert_eq!(file.download_flag, 2);
    let video = TIMVideoFileElem::builder()
        .video_url("https://a/v.mp4")
        .video_uuid("v")
        .thumb_url("https://a/t.jpg")
        .thumb_uuid("t")
        .thumb_width(10)
        .thumb_height(10)
        .build();
    assert_eq!((video.video_download_flag, video.thumb_download_flag), (2, 2));
    let query = QueryParams::builder().sdkappid(1400000000).identifier("admin").random(7).usersig("sig").build()?;
    assert_eq!(query.contenttype, "json");
    // The filled value is what the wire needs.
    let wire = serde_json::to_value(&sound)?;
    assert_eq!(wire["Download_Flag"], json!(2));
    Ok(())
}

#[test]
fn union_constructors_build_their_variant() -> Result {
    {
        use tencent_im::send_group_msg::*;
        // A payload struct with one required field is built from it.
        assert_eq!(MsgElement::text("hi"), MsgElement::Text(TIMTextElem { text: "hi".into() }));
        assert_eq!(
            MsgElement::image("uuid-1"),
            MsgElement::Image(TIMImageElem { uuid: "uuid-1".into(), image_format: None, image_info_array: None })
        );
        // Others take the payload; each payload type converts into its element.
        let face = TIMFaceElem::builder().index(1).build();
        assert_eq!(MsgElement::face(face.clone()), MsgElement::Face(face.clone()));
        assert_eq!(MsgElement::from(face.clone()), MsgElement::Face(face));
        assert_eq!(MsgElement::text("hi").tag(), "TIMTextElem");
    }
    {
        use yunhu::batch_send::*;
        // Single-key payloads of a plain type take it.
        // A variant with one required field (and ignored optional ones) takes that field.
        assert_eq!(
            ButtonActionType::open_url("https://a"),
            ButtonActionType::OpenUrl(ButtonOpenUrl { url: "https://a".into(), value: None })
        );
        assert_eq!(
            ButtonActionType::report("r"),
            ButtonActionType::Report(ButtonReport { value: "r".into(), url: None })
        );
        // The same payload type under three tags: a constructor each, no `From`.
        let md = Content::markdown("**hi**");
        assert_eq!(md.tag(), "markdown");
        assert_eq!(md, Content::Markdown(TextContent { text: "**hi**".into(), buttons: None }));
        assert_eq!(Content::from(ImageContent::builder().image_key("k").build()).tag(), "image");
    }
    {
        use qopen::send_msg_to_group::*;
        // Struct variants with one required field too; integer tags.
        let voice = MsgListItemVoice::builder().voice_time(5).build();
        assert_eq!(MsgListItemMsgType::voice(5), MsgListItemMsgType::Voice(voice));
        assert_eq!(MsgListItemMsgType::video(30).tag(), 4);
        // Without a required field (msg_content is optional), they take the payload struct.
        let text = MsgListItemMsgType::text(MsgListItemText::builder().msg_content("hello").build());
        assert_eq!(text.tag(), 1);
        let MsgListItemMsgType::Text(t) = &text else { panic!("{text:?}") };
        assert_eq!((t.msg_content.as_deref(), t.voice_time, t.href.as_deref()), (Some("hello"), None, None));
        assert_eq!(
            MsgListItemMsgType::contact_card(MsgListItemContactCard::builder().msg_content("c").build()).tag(),
            7
        );
    }
    {
        use upbot::send_group_message::*;
        let site = WebsiteExt::builder().url("https://a").build();
        assert_eq!(LinkToMsgType::website(site.clone()), LinkToMsgType::Website(site.clone()));
        let link = LinkToMsg::builder().r#type(site).display_name("a").build();
        assert_eq!(
            serde_json::to_value(&link)?,
            json!({"type": 2, "website_ext": {"url": "https://a"}, "display_name": "a"})
        );
    }
    Ok(())
}

#[test]
fn build_reports_the_rules_only_known_at_run_time() -> Result {
    use qopen::send_msg_to_group::*;
    let text = MsgListItemText::builder().msg_content("hi").build();
    let item = || MsgListItem::builder().msg_type(MsgListItemMsgType::text(text.clone())).build();
    let request = || SendMsgToGroupRequest::builder().robot_id("r").group_id("g").msg_id("m");
    // `msg_num` counts the items from 1 (`x-sequence`): the builder numbers them itself, whether
    // the array is set whole or pushed item by item.
    let whole = request().msg_list([item(), item(), item()]).build()?;
    assert_eq!(whole.msg_list.iter().map(|i| i.msg_num).collect::<Vec<_>>(), [1, 2, 3]);
    let pushed = request().push_msg_list(item()).push_msg_list(item()).push_msg_list(item()).build()?;
    assert_eq!(whole, pushed);
    let mut wrong = item();
    wrong.msg_num = 9;
    let renumbered = request().msg_list([item(), wrong.clone()]).build()?;
    assert_eq!(renumbered.msg_list[1].msg_num, 2);
    // A value changed after `build()` is the `validate()`'s to catch, at its pointer.
    let mut changed = renumbered;
    changed.msg_list[1] = wrong;
    let err = changed.validate().expect_err("the second item must be number 2");
    assert_eq!(err.to_string(), "/msg_list/1: `msg_num` must be 2, found 9");
    Ok(())
}

#[test]
fn a_nested_value_is_checked_by_the_request_at_its_pointer_in_it() -> Result {
    use upbot::send_group_message::*;
    // `WebsiteExt` has a rule (an https URL) but is not a message by itself: its `build()`
    // returns the value, and the request's `build()` reports it where it is in the request.
    let site = WebsiteExt::builder().url("http://a").build();
    let err = site.validate().expect_err("checked alone, from the value itself");
    assert_eq!(err.iter().map(|v| v.pointer.as_str()).collect::<Vec<_>>(), ["/url"]);
    let link = LinkToMsg::builder().r#type(site).display_name("a").build();
    let body = MessageBody::builder().content("hi").push_link_to_msg(link).build();
    let err = SendGroupMessageRequest::builder()
        .gid(1)
        .target_id("2")
        .l2_type(L2Type::Text)
        .ts(1)
        .nonce("n")
        .body(body)
        .build()
        .expect_err("the nested URL is not https");
    let pointers: Vec<&str> = err.iter().map(|v| v.pointer.as_str()).collect();
    assert!(pointers.contains(&"/body/link_to_msg/0/website_ext/url"), "{err}");
    assert!(!pointers.contains(&"/url"), "{err}");
    Ok(())
}

#[test]
fn a_builder_never_shows_a_secret() -> Result {
    use tencent_im::send_group_msg::QueryParams;
    let builder = QueryParams::builder().sdkappid(1400000000).identifier("admin").usersig("eJwtzM0KgkAUBeD3ma");
    let debug = format!("{builder:?}");
    assert!(!debug.contains("eJwtzM0KgkAUBeD3ma"), "{debug}");
    assert!(debug.contains("***"), "{debug}");
    let query = builder.random(7).build()?;
    assert!(!format!("{query:?}").contains("eJwtzM0KgkAUBeD3ma"));
    assert_eq!(query.usersig, Secret::new("eJwtzM0KgkAUBeD3ma".to_owned()));

    use qopen::send_msg_to_group::HeaderParams;
    let header = HeaderParams::builder().token("t0ken-value");
    assert!(!format!("{header:?}").contains("t0ken-value"));
    assert_eq!(header.build().token.expose(), "t0ken-value");
    Ok(())
}

#[test]
fn nullable_boxed_map_and_extra_fields() -> Result {
    use group_msg_tests::{extra_fields, map, nullable, recursion_object};
    // A required nullable field takes an `Option`: `None` is JSON `null`, which is not absent.
    let v = nullable::SendRequest::builder().required_nullable(None).count(Some(3)).optional_nullable(None).build()?;
    assert_eq!(serde_json::to_value(&v)?, json!({"RequiredNullable": null, "OptionalNullable": null, "Count": 3}));
    // A boxed field takes the value itself.
    let leaf = recursion_object::Node::builder().name("leaf").build();
    let root = recursion_object::Node::builder().name("root").child(leaf.clone()).push_children(leaf).build();
    let v = recursion_object::SendRequest::builder().root(root).build()?;
    assert_eq!(v.root.child.as_deref().map(|n| n.name.as_str()), Some("leaf"));
    // Maps: set whole, or one entry at a time.
    let whole = map::SendRequest::builder()
        .attrs([("a", "1"), ("b", "2")])
        .members([("m", map::Member::builder().role("x").build())])
        .build();
    let inserted = map::SendRequest::builder()
        .attrs([("a", "1"), ("b", "2")])
        .insert_members("m", map::Member::builder().role("x").build())
        .build();
    assert_eq!(whole, inserted);
    // Keys the spec does not list, on a type that keeps them.
    let reply = extra_fields::SendReply::builder().error_code(0).insert_extra("Trace", "abc").build()?;
    assert_eq!(serde_json::to_value(&reply)?, json!({"ErrorCode": 0, "Trace": "abc"}));
    Ok(())
}
